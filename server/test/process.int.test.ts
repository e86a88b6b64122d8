import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function run(env: Record<string, string>, args: string[] = ['src/main.ts', 'start']) {
  const child = spawn(TSX, args, {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

describe('the portico process', () => {
  it('refuses to start with a bad setting and names the variable', async () => {
    const p = run({ PORTICO_PORT: 'eighty' });
    expect(await p.exited).toBe(2);
    expect(p.errors()).toContain('Portico cannot start: PORTICO_PORT: must be a whole number');
  });

  it('starts on an empty embedded database, prints demo sign-ins, keeps data across restarts, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-start-'));
    try {
      const port = await freePort();
      const env = {
        PORTICO_PORT: String(port),
        PORTICO_HOST: '127.0.0.1',
        PORTICO_DATA_DIR: join(dir, 'pglite'),
        PORTICO_LOG_LEVEL: 'warn',
        PORTICO_WEB_DIST: join(dir, 'no-web'),
      };
      const first = run(env);
      await expect.poll(() => first.output(), { timeout: 90_000, interval: 200 }).toContain('Portico is running');
      expect(first.output()).toContain('Loaded demo data: 2 organizations, 44 clinicians, 22 patients.');
      expect(first.output()).toMatch(/patient\s+patient@example\.org/);
      expect(first.output()).toMatch(/admin\s+admin@example\.org/);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'patient@example.org', password: 'Harbor-demo-2026' }),
      });
      expect(login.status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = run(env);
      await expect.poll(() => second.output(), { timeout: 90_000, interval: 200 }).toContain('Portico is running');
      expect(second.output()).not.toContain('Loaded demo data');
      const again = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'patient@example.org', password: 'Harbor-demo-2026' }),
      });
      expect(again.status).toBe(200);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(first.errors() + second.errors()).not.toMatch(/patient@example\.org|Harbor-demo-2026/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
