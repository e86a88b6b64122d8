const PALETTE = ['#1f5f8b', '#2d6a4f', '#7b2d8b', '#8b3a1f', '#1f6f6f', '#5a4b8b', '#8b1f4b', '#3d5a1f'];

/** An initials avatar as inline SVG: generated locally, no network, readable contrast (white on dark). */
export function initialsAvatar(given: string, family: string): string {
  const initials = `${given[0] ?? ''}${family[0] ?? ''}`.toUpperCase();
  let hash = 0;
  for (const ch of given + family) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const color = PALETTE[hash % PALETTE.length] ?? '#1f5f8b';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-hidden="true"><rect width="96" height="96" rx="48" fill="${color}"/><text x="48" y="60" font-family="system-ui, sans-serif" font-size="36" font-weight="600" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
}
