import type { DoctorCase } from '@portico/contracts';
import { ApiError, parseProblem } from '../../app/api';

/** The largest PDF a home-country doctor may send (the server's MAX_LETTER_BYTES). */
export const MAX_LETTER_MB = 5;

/**
 * Calls for a home-country doctor's link. No session: the token goes in `X-Doctor-Token`,
 * never in the address, and problems come back as ApiError like everywhere else.
 */
async function call(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      credentials: 'omit',
      headers: { ...(init.headers as Record<string, string>), 'x-doctor-token': token },
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'network_error', status: 0, code: 'network_error' });
  }
  if (res.ok) return res;
  const body: unknown = await res.json().catch(() => undefined);
  throw new ApiError(
    parseProblem(body) ?? { type: 'about:blank', title: '', status: res.status, code: 'unexpected_response' },
  );
}

const base = (caseId: string) => `/api/international/doctor/cases/${encodeURIComponent(caseId)}`;

export async function loadCase(token: string, caseId: string): Promise<DoctorCase> {
  const res = await call(token, base(caseId), { headers: { accept: 'application/json' } });
  return (await res.json()) as DoctorCase;
}

export async function sendLetter(token: string, caseId: string, body: string, file: File | null): Promise<DoctorCase> {
  const form = new FormData();
  form.append('message', JSON.stringify({ body }));
  if (file) form.append('files', file, file.name);
  const res = await call(token, `${base(caseId)}/letters`, { method: 'POST', body: form });
  return (await res.json()) as DoctorCase;
}

/** Fetches a letter's PDF with the token header and hands it to the browser as a download. */
export async function downloadFile(token: string, caseId: string, replyId: string, filename: string): Promise<void> {
  const res = await call(token, `${base(caseId)}/files/${encodeURIComponent(replyId)}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
