import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coverage } from '@portico/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { FileMasterKey, loadConfig, type Config } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { FileStore } from '../src/modules/files/index.js';
import { createOrganization, createUser, signIn, TEST_DATABASE_URL, type TestContext } from './context.js';
import { pgliteTemplate } from './db-template.js';
import { addPlan, CARD_PNG, uploadCard } from './profile-fixtures.js';
import { SERVER_DIR } from './process-helpers.js';

/**
 * `npm run keys:rotate` as an operator runs it (node scripts/server.mjs keys-rotate, the compiled
 * server) on a data folder with stored files: afterwards they open with the new master key and no
 * longer with the old one. PGlite folder, or a fresh PostgreSQL database when one is configured.
 */
const ENGINE = TEST_DATABASE_URL ? 'postgres' : 'pglite';
const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
let root = '';
let databaseUrl: string | null = null;
let dropName = '';

function env(keys: Record<string, string>): Record<string, string> {
  return {
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_DATA_DIR: join(root, 'db'),
    PORTICO_FILES_DIR: join(root, 'files'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...keys,
  };
}

async function open(config: Config, template?: Blob): Promise<DatabaseHandle> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(template ? { template } : {}),
  });
  await migrate(database);
  return database;
}

/** The real command, from the repository root, as `npm run keys:rotate` runs it. */
function keysRotate(extra: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['scripts/server.mjs', 'keys-rotate'], {
    cwd: join(SERVER_DIR, '..'),
    env: { ...process.env, ...env(extra) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'portico-rotate-'));
  if (TEST_DATABASE_URL) {
    dropName = `portico_rotate_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${dropName}`);
    await admin.end();
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${dropName}`;
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  if (dropName) {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL ?? '' });
    await admin.connect();
    await admin.query(`drop database if exists ${dropName} with (force)`);
    await admin.end();
  }
  await rm(root, { recursive: true, force: true });
});

describe(`npm run keys:rotate (${ENGINE})`, () => {
  it('re-wraps the stored files of a data folder: they open with the new key and not with the old', async () => {
    // Portico runs with the old key and stores an insurance card photo.
    const before = loadConfig(env({ PORTICO_FILE_MASTER_KEY: OLD_KEY.toString('base64') }));
    const database = await open(before, ENGINE === 'pglite' ? await pgliteTemplate('migrated') : undefined);
    const { app, services, compileSerializers } = await buildApp(before, database, false);
    await app.ready();
    const ctx: TestContext = {
      app,
      services,
      compileSerializers,
      database,
      config: before,
      orgId: await createOrganization(database),
      close: async () => undefined,
    };
    let cardId = '';
    let coverageId = '';
    try {
      const staff = await signIn(app, (await createUser(ctx, 'staff')).email);
      const patient = await signIn(app, (await createUser(ctx, 'patient')).email);
      const plan = await addPlan(staff);
      const added = await patient.inject('POST', '/api/profile/coverages', {
        planId: plan.id,
        priority: 1,
        memberId: 'ROT-5150',
      });
      expect(added.statusCode, added.body).toBe(201);
      coverageId = added.json<Coverage>().id;
      const up = await uploadCard(ctx, patient, coverageId, 'front', {
        name: 'c.png',
        type: 'image/png',
        data: CARD_PNG,
      });
      expect(up.statusCode, up.body).toBe(200);
      cardId = (
        await database.db
          .selectFrom('coverage_card_images')
          .select('id')
          .where('coverage_id', '=', coverageId)
          .executeTakeFirstOrThrow()
      ).id;
    } finally {
      await app.close();
      await database.close();
    }

    // The operator sets the new key, keeps the old one as previous, and runs the command.
    const run = await keysRotate({
      PORTICO_FILE_MASTER_KEY: NEW_KEY.toString('base64'),
      PORTICO_FILE_MASTER_KEY_PREVIOUS: OLD_KEY.toString('base64'),
    });
    expect(run.code, `${run.out}\n${run.err}`).toBe(0);
    expect(run.out).toContain('Everything is under the current master key');

    const after = loadConfig(env({ PORTICO_FILE_MASTER_KEY: NEW_KEY.toString('base64') }));
    const reopened = await open(after);
    try {
      const row = await reopened.db
        .selectFrom('coverage_card_images')
        .select(['wrapped_key', 'byte_size'])
        .where('id', '=', cardId)
        .executeTakeFirstOrThrow();
      const withKey = (key: Buffer) =>
        new FileStore({ ...after.files, masterKey: new FileMasterKey(key), previousKeys: [] });
      const read = (key: Buffer) => withKey(key).get(cardId, row.wrapped_key ?? '', row.byte_size);
      expect((await read(NEW_KEY)).equals(CARD_PNG)).toBe(true);
      await expect(read(OLD_KEY)).rejects.toThrow();
      // The sealed member id moved to the new key as well.
      const { member_id } = await reopened.db
        .selectFrom('coverages')
        .select('member_id')
        .where('id', '=', coverageId)
        .executeTakeFirstOrThrow();
      expect(withKey(NEW_KEY).fields.open('coverages.member_id', member_id ?? '')).toBe('ROT-5150');
      expect(() => withKey(OLD_KEY).fields.open('coverages.member_id', member_id ?? '')).toThrow();
    } finally {
      await reopened.close();
    }
  }, 240_000);
});
