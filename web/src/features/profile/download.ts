import { ApiError, parseProblem } from '../../app/api';

export type RecordFormat = 'pdf' | 'fhir';

/**
 * Fetches the open record as a file and hands it to the browser as a download, reporting the bytes
 * received so far. Problems (step-up needed, 404) come back as ApiError like every other call.
 */
export async function downloadRecord(
  patientId: string,
  format: RecordFormat,
  onProgress: (bytes: number) => void,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/patients/${encodeURIComponent(patientId)}/record/download?format=${format}`, {
      credentials: 'same-origin',
      headers: { accept: format === 'pdf' ? 'application/pdf' : 'application/fhir+json' },
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'network_error', status: 0, code: 'network_error' });
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => undefined);
    throw new ApiError(
      parseProblem(body) ?? { type: 'about:blank', title: '', status: res.status, code: 'unexpected_response' },
    );
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ?? (format === 'pdf' ? 'health-record.pdf' : 'health-record.json');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
