/**
 * A small tus 1.0 client: create, then PATCH in chunks with XMLHttpRequest so progress shows;
 * after a failed chunk it asks the server where it stands (HEAD) and carries on from there.
 */
export const CHUNK_BYTES = 4 * 1024 * 1024;
const RETRIES = 5;

export interface UploadAuth {
  csrf?: string | undefined;
  token?: string | undefined;
}

export class UploadFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function headers(auth: UploadAuth, unsafe: boolean): Record<string, string> {
  const h: Record<string, string> = { 'tus-resumable': '1.0.0' };
  if (unsafe && auth.csrf) h['x-csrf-token'] = auth.csrf;
  if (auth.token) h['x-upload-token'] = auth.token;
  return h;
}

async function problem(res: Response): Promise<UploadFailed> {
  const body = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null;
  return new UploadFailed(body?.code ?? 'internal_error', body?.detail ?? res.statusText);
}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

function patch(url: string, auth: UploadAuth, offset: number, chunk: Blob, onBytes: (n: number) => void) {
  return new Promise<{ status: number; offset: number; body: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', url);
    for (const [k, v] of Object.entries(headers(auth, true))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('upload-offset', String(offset));
    xhr.setRequestHeader('content-type', 'application/offset+octet-stream');
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        offset: Number(xhr.getResponseHeader('upload-offset') ?? offset),
        body: xhr.responseText,
      });
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(chunk);
  });
}

async function serverOffset(url: string, auth: UploadAuth): Promise<number> {
  const res = await fetch(url, { method: 'HEAD', headers: headers(auth, false), credentials: 'same-origin' });
  if (!res.ok) throw new UploadFailed('not_found', 'upload gone');
  return Number(res.headers.get('upload-offset') ?? 0);
}

/** Uploads one file; `onProgress` gets bytes confirmed or in flight. Resolves when the server accepted it. */
export async function tusUpload(
  requestId: string,
  file: File,
  meta: Record<string, string>,
  auth: UploadAuth,
  onProgress: (sent: number) => void,
): Promise<void> {
  const metadata = Object.entries({ filename: file.name, ...meta })
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
  const created = await fetch(`/api/second-opinions/${requestId}/uploads`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...headers(auth, true), 'upload-length': String(file.size), 'upload-metadata': metadata },
  });
  if (created.status !== 201) throw await problem(created);
  const url = created.headers.get('location') ?? '';
  let offset = 0;
  let failures = 0;
  while (offset < file.size) {
    try {
      const res = await patch(url, auth, offset, file.slice(offset, offset + CHUNK_BYTES), (n) =>
        onProgress(offset + n),
      );
      if (res.status !== 204) {
        const body = JSON.parse(res.body || '{}') as { code?: string; detail?: string };
        if (res.status !== 409) throw new UploadFailed(body.code ?? 'internal_error', body.detail ?? '');
        offset = await serverOffset(url, auth);
      } else {
        offset = res.offset;
      }
      failures = 0;
    } catch (err) {
      if (err instanceof UploadFailed || ++failures > RETRIES) throw err;
      offset = await serverOffset(url, auth);
    }
    onProgress(offset);
  }
}
