import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from './context.js';
import { freePort, processEnv, SERVER_DIR, signIn, waitUntil } from './process-helpers.js';

/**
 * The restore drill as an operator runs it: `npm run backup` (node scripts/server.mjs backup)
 * against a running Portico on the demo data, `npm run restore` into an empty database and files
 * folder, then `npm start` on the copy, which serves the same stored file. PGlite, or fresh
 * PostgreSQL databases when one is configured.
 */
const ENGINE = TEST_DATABASE_URL ? 'postgres' : 'pglite';
const ROOT = join(SERVER_DIR, '..');
const KEY = randomBytes(32).toString('base64');
const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const clean of cleanups.reverse()) await clean();
});

async function freshPostgres(): Promise<string> {
  const admin = new URL(TEST_DATABASE_URL ?? '');
  const name = `portico_clidrill_${randomUUID().slice(0, 8)}`;
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`create database ${name}`);
  cleanups.push(() => run(`drop database if exists ${name} with (force)`));
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return url.href;
}

function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/server.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

async function start(env: Record<string, string>) {
  const started = performance.now();
  const portico = cli(['start'], env);
  await waitUntil(
    () => portico.output().includes('Portico is running') || portico.child.exitCode !== null,
    180_000,
    'Portico to start',
  );
  if (portico.child.exitCode !== null) throw new Error(`Portico exited: ${portico.errors()}`);
  const base = `http://127.0.0.1:${env['PORTICO_PORT']}`;
  await waitUntil(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200, 60_000, '/readyz');
  return { ...portico, base, readyMs: performance.now() - started };
}

async function stop(portico: { child: ChildProcess; exited: Promise<number | null> }): Promise<void> {
  portico.child.kill('SIGTERM');
  await portico.exited;
}

/** Eleanor's front card photo, as she sees it. */
async function cardPhoto(base: string): Promise<Buffer> {
  const eleanor = await signIn(base, 'patient@example.org', 'Harbor-demo-2026');
  const list = (await (await eleanor.request('GET', '/api/profile/coverages')).json()) as {
    coverages: { cards: { front: { url: string } | null } }[];
  };
  const url = list.coverages.find((c) => c.cards.front)?.cards.front?.url;
  expect(url).toBeDefined();
  const res = await eleanor.request('GET', url ?? '');
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe(`backup and restore through the CLI (${ENGINE})`, () => {
  it('backs up a running Portico with npm run backup, restores it with npm run restore, and the copy starts and serves the same stored file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-clidrill-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const envFor = async (name: string) => ({
      ...processEnv(join(dir, name), await freePort()),
      PORTICO_FILE_MASTER_KEY: KEY,
      PORTICO_LOG_LEVEL: 'warn',
      ...(TEST_DATABASE_URL ? { DATABASE_URL: await freshPostgres() } : {}),
    });

    const sourceEnv = await envFor('source');
    const source = await start(sourceEnv);
    let photo: Buffer;
    const folder = join(dir, 'backup');
    let backupMs = 0;
    try {
      photo = await cardPhoto(source.base);
      const backupStarted = performance.now();
      const backup = cli(['backup', folder], sourceEnv);
      expect(await backup.exited, backup.errors()).toBe(0);
      backupMs = performance.now() - backupStarted;
      expect(backup.output()).toContain(`Backup written to ${folder}`);
    } finally {
      await stop(source);
    }

    // A new machine: empty folders (and an empty database), the same key, no demo seeding of its own.
    const targetEnv = { ...(await envFor('copy')), PORTICO_SEED_DEMO: 'false' };
    const restoreStarted = performance.now();
    const restore = cli(['restore', folder], targetEnv);
    expect(await restore.exited, restore.errors()).toBe(0);
    expect(restore.output()).toContain('checksums verified');
    const restoreMs = performance.now() - restoreStarted;
    const copy = await start(targetEnv);
    try {
      expect((await cardPhoto(copy.base)).equals(photo)).toBe(true);
    } finally {
      await stop(copy);
    }
    process.stdout.write(
      `[cli drill ${ENGINE}] npm run backup ${(backupMs / 1000).toFixed(1)} s; npm run restore ${(restoreMs / 1000).toFixed(1)} s; ` +
        `npm start on the copy until /readyz ${(copy.readyMs / 1000).toFixed(1)} s (its own "${/ready in [\d.]+ ?m?s/.exec(copy.output())?.[0] ?? '?'}")\n`,
    );
  }, 600_000);
});
