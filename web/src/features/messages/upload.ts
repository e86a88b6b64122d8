import { ApiError, parseProblem } from '../../app/api';
import type { SessionStore } from '../../app/session/store';

/** How far an upload has got: bytes sent of the total, as the browser reports them. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

function readJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    return undefined;
  }
}

/**
 * Sends a multipart form with XMLHttpRequest, so the upload's progress can be shown (fetch has
 * no upload progress). Same rules as the API client: same-origin cookies, the CSRF header,
 * problem documents as ApiError, and a lost session reported to the store. The browser sets the
 * multipart content-type and boundary itself.
 */
export function postForm<T>(
  store: SessionStore,
  path: string,
  form: FormData,
  onProgress?: (progress: UploadProgress) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    const csrf = store.getSnapshot().session?.csrfToken;
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    const hadSession = store.getSnapshot().session !== null;
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      store.noteServerDate(xhr.getResponseHeader('date'));
      const data = readJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        if (hadSession) store.noteActivity();
        resolve(data as T);
        return;
      }
      const problem = parseProblem(data) ?? {
        type: 'about:blank',
        title: 'unexpected_response',
        status: xhr.status,
        code: 'unexpected_response',
      };
      const error = new ApiError(problem);
      if (xhr.status === 401 && hadSession && (error.code === 'session_expired' || error.code === 'unauthenticated')) {
        store.end('expired');
      }
      reject(error);
    });
    const networkError = () =>
      reject(new ApiError({ type: 'about:blank', title: 'network_error', status: 0, code: 'network_error' }));
    xhr.addEventListener('error', networkError);
    xhr.addEventListener('abort', networkError);
    xhr.send(form);
  });
}
