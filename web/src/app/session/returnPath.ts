/** The query parameter that carries where to go after signing in, e.g. /signin?next=%2Fappointments. */
export const NEXT_PARAM = 'next';

/**
 * A path inside this app that is safe to go to after signing in, or undefined. Only same-origin
 * absolute paths pass: "//evil.example", "/\evil.example", "https://…" and control characters
 * are refused, so a crafted link can never send someone to another site.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  const base = 'https://portico.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  if (url.pathname === '/signin') return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The safe `?next=` path from a location's query string, if any. */
export function nextFromSearch(search: string): string | undefined {
  return safeReturnPath(new URLSearchParams(search).get(NEXT_PARAM));
}

/** A sign-in link that brings the person back to `path` afterwards. */
export function signInHref(path: string): string {
  const safe = safeReturnPath(path);
  return safe ? `/signin?${new URLSearchParams({ [NEXT_PARAM]: safe }).toString()}` : '/signin';
}
