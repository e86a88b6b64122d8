import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Helpers for tests that run Portico as a real process (start-up, shutdown, outages). */
export const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningPortico {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  errors(): string;
}

/**
 * Starts `src/main.ts` (or other args) in one node process with tsx's loader, so signals reach
 * Portico itself (the tsx CLI sits in between and SIGKILLs a child slow to acknowledge a signal).
 */
export function runPortico(
  env: Record<string, string>,
  args: string[] = ['src/main.ts', 'start'],
  opts: { compiled?: boolean } = {},
): RunningPortico {
  // Compiled: `args` are given to server/dist/main.js, run by plain node as in production.
  const argv = opts.compiled ? [join(SERVER_DIR, 'dist', 'main.js'), ...args] : ['--import', 'tsx', ...args];
  const child = spawn(process.execPath, argv, {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

/** A signed-in browser-like client over real HTTP: session cookie and CSRF token. */
export interface HttpSession {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function signIn(base: string, email: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    request: (method, path, body, headers = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          cookie,
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      }),
  };
}

/** Polls until `check` is true (for hooks, where expect.poll is not allowed); fails after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The settings every process test gives Portico: loopback, a port, and folders of its own. */
export function processEnv(dir: string, port: number): Record<string, string> {
  return {
    PORTICO_PORT: String(port),
    PORTICO_HOST: '127.0.0.1',
    PORTICO_DATA_DIR: join(dir, 'pglite'),
    PORTICO_FILES_DIR: join(dir, 'files'),
    PORTICO_WEB_DIST: join(dir, 'no-web'),
    PORTICO_LOG_LEVEL: 'warn',
    // Not about overload: a loaded test machine must not make these processes shed requests.
    PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
    PORTICO_MAX_DATABASE_WAIT_MS: '0',
    PORTICO_MAX_IN_FLIGHT: '100000',
  };
}

/** Runs Portico and waits until it says it is running; throws with its errors if it exits first. */
export async function startPortico(
  env: Record<string, string>,
  opts: { compiled?: boolean; args?: string[] } = {},
): Promise<RunningPortico> {
  const portico = runPortico(env, opts.args ?? (opts.compiled ? ['start'] : undefined), opts);
  await waitUntil(
    () => portico.output().includes('Portico is running') || portico.child.exitCode !== null,
    180_000,
    'Portico to start',
  );
  if (portico.child.exitCode !== null) throw new Error(`Portico exited: ${portico.errors()}`);
  return portico;
}
