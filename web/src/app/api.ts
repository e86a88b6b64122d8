import type { FieldError, Problem } from '@portico/contracts';
import type { SessionStore } from './session/store';

/** Codes the client itself produces when no problem document came back. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

/** An error answer from the API, carrying the server's problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  readonly requestId: string | undefined;
  /** On `slot_taken`: the next open start times the server offers instead (ISO instants). */
  readonly nextSlots: readonly string[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.requestId = problem.requestId;
    this.nextSlots = problem.nextSlots ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  const out: FieldError[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string') {
      out.push({ field: item.field, message: item.message });
    }
  }
  return out;
}

function toStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}

/** Narrows an unknown JSON body to a problem document, or returns null. */
export function parseProblem(body: unknown): Problem | null {
  if (!isRecord(body) || typeof body.code !== 'string' || typeof body.status !== 'number') return null;
  return {
    type: typeof body.type === 'string' ? body.type : 'about:blank',
    title: typeof body.title === 'string' ? body.title : '',
    status: body.status,
    code: body.code,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors: toFieldErrors(body.errors),
    requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    nextSlots: toStrings(body.nextSlots),
  };
}

function clientProblem(code: ClientErrorCode, status: number): Problem {
  return { type: 'about:blank', title: code, status, code };
}

export type QueryValue = string | number | undefined | null;

/** Extra request headers, e.g. an `Idempotency-Key` on a booking. */
export interface RequestOptions {
  headers?: Record<string, string>;
}
const SAFE_METHODS = new Set(['GET', 'HEAD']);
const AUTH_LOST_CODES = new Set(['session_expired', 'unauthenticated']);
const SESSION_PATH = '/api/auth/session';

/**
 * Fetch wrapper for the Portico API: same-origin cookies, JSON in and out, the CSRF token on
 * every unsafe method, problem documents turned into ApiError, and a lost session reported
 * to the session store so the app can send the user back to sign in.
 */
export class ApiClient {
  constructor(private readonly store: SessionStore) {}

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    const headers: Record<string, string> = {
      ...options?.headers,
      accept: 'application/json, application/problem+json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (!SAFE_METHODS.has(method)) {
      const csrf = this.store.getSnapshot().session?.csrfToken;
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    const hadSession = this.store.getSnapshot().session !== null;

    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(clientProblem('network_error', 0));
    }
    this.store.noteServerDate(response.headers.get('date'));

    const data = await readBody(response);
    if (!response.ok) {
      const problem = parseProblem(data) ?? clientProblem('unexpected_response', response.status);
      const error = new ApiError(problem);
      if (response.status === 401 && hadSession && AUTH_LOST_CODES.has(error.code)) {
        this.store.end('expired');
      }
      throw error;
    }
    if (hadSession && path !== SESSION_PATH) this.store.noteActivity();
    return data as T;
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const parsed: unknown = await response.json();
    return parsed;
  } catch {
    return undefined;
  }
}

function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
