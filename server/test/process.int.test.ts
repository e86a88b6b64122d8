import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from './context.js';
import { SERVER_DIR, freePort, processEnv, runPortico } from './process-helpers.js';

const ROOT = join(SERVER_DIR, '..');

const run = runPortico;

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

  it('waits for an unreachable PostgreSQL, then names DATABASE_URL (never its password) and exits', async () => {
    const port = await freePort();
    const p = run({
      DATABASE_URL: `postgres://portico:s3cret-pw@127.0.0.1:${port}/portico`,
      PORTICO_DATABASE_WAIT_SECONDS: '1',
      PORTICO_LOG_LEVEL: 'warn',
    });
    expect(await p.exited).toBe(1);
    const where = `PostgreSQL at postgres://portico:***@127.0.0.1:${port}/portico (DATABASE_URL)`;
    expect(p.output()).toContain(`Waiting for ${where}: connection failed (ECONNREFUSED)`);
    expect(p.errors()).toContain(`Portico failed to start: cannot reach ${where}: connection failed (ECONNREFUSED).`);
    expect(p.output() + p.errors()).not.toContain('s3cret-pw');
  }, 60_000);

  it('says which setting to change when the embedded database folder cannot be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-nodir-'));
    try {
      await writeFile(join(dir, 'a-file'), 'not a folder');
      const p = run({ PORTICO_DATA_DIR: join(dir, 'a-file', 'pglite'), PORTICO_LOG_LEVEL: 'warn' });
      expect(await p.exited).toBe(1);
      expect(p.errors()).toContain(
        `Portico failed to start: the data folder ${join(dir, 'a-file', 'pglite')} (PORTICO_DATA_DIR) cannot be written (ENOTDIR).`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(TEST_DATABASE_URL !== null)(
    'compiles, then starts a new data folder from the built template with plain node',
    async () => {
      const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(built.status, built.stderr).toBe(0);
      expect(existsSync(join(ROOT, 'server/dist/pglite-template.tgz'))).toBe(true);
      const dir = await mkdtemp(join(tmpdir(), 'portico-compiled-'));
      const port = await freePort();
      const portico = runPortico(processEnv(dir, port), ['start'], { compiled: true });
      const child = portico.child;
      const out = portico.output;
      try {
        await expect.poll(() => out(), { timeout: 120_000, interval: 200 }).toContain('Portico is running');
        expect(out()).toMatch(/ready in \d+\.\d s/);
        expect(out()).toContain('New data folder: started from the compiled, already migrated database template.');
        expect(out()).toContain('Loaded demo data: 2 organizations, 44 clinicians, 22 patients.');
        expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
        const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'patient@example.org', password: 'Harbor-demo-2026' }),
        });
        expect(login.status).toBe(200);
        child.kill('SIGINT');
        expect(await portico.exited).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
