import { ConfigError, bool, int, str, url, type Env } from './env.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The HTTP server: where it listens, the address it is known by, logging and the web app it serves. */
export interface HttpSettings {
  port: number;
  host: string;
  /** Public base URL used in emailed links, e.g. https://portal.example.org */
  publicUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The share of requests logged at info ("request completed"); errors always are. */
  requestLogSample: number;
  /** Serve web/dist from this directory when it exists. */
  webDistDir: string | null;
  /** Whether cookies get the Secure flag: true when publicUrl is https. */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  bodyLimitBytes: number;
}

/** PORTICO_PORT, PORTICO_PUBLIC_URL, PORTICO_LOG_LEVEL, PORTICO_REQUEST_LOG_SAMPLE, PORTICO_WEB_DIST, PORTICO_HOST. */
export function httpSettings(env: Env): Omit<HttpSettings, 'trustProxy' | 'bodyLimitBytes'> {
  const port = int(env, 'PORTICO_PORT', 8080, 0, 65535);
  const publicUrl = url(env, 'PORTICO_PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const logLevel = str(env, 'PORTICO_LOG_LEVEL', 'info');
  const level = LOG_LEVELS.find((l) => l === logLevel);
  if (level === undefined) {
    throw new ConfigError('PORTICO_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const sampleText = str(env, 'PORTICO_REQUEST_LOG_SAMPLE', env.NODE_ENV === 'production' ? '0.01' : '1');
  const requestLogSample = Number(sampleText);
  if (sampleText.trim() === '' || !(requestLogSample >= 0 && requestLogSample <= 1)) {
    throw new ConfigError(
      'PORTICO_REQUEST_LOG_SAMPLE',
      'must be a number from 0 (no request lines) to 1 (every request)',
    );
  }
  const webDist = str(env, 'PORTICO_WEB_DIST', '');
  return {
    port,
    host: str(env, 'PORTICO_HOST', '0.0.0.0'),
    publicUrl: publicUrl.replace(/\/$/, ''),
    logLevel: level,
    requestLogSample,
    webDistDir: webDist === '' ? null : webDist,
    secureCookies: publicUrl.startsWith('https:'),
  };
}

/** PORTICO_TRUST_PROXY. */
export function trustProxy(env: Env): boolean {
  return bool(env, 'PORTICO_TRUST_PROXY', false);
}

/** PORTICO_BODY_LIMIT_BYTES. */
export function bodyLimitBytes(env: Env): number {
  return int(env, 'PORTICO_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024);
}
