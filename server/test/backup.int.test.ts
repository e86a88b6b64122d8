import { createHash, randomBytes } from 'node:crypto';
import { access, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coverage, OpinionRequest } from '@portico/contracts';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { backup } from '../src/ops/backup.js';
import { serveBackups, type BackupSocket } from '../src/ops/backup-socket.js';
import { OpsError } from '../src/ops/errors.js';
import { REMOVE_FILES_JOB } from '../src/modules/files/index.js';
import { backupFiles, copyFiles, listFiles } from '../src/ops/files.js';
import { readManifest, writeManifest, type Manifest } from '../src/ops/manifest.js';
import { restore } from '../src/ops/restore.js';
import { createOrganization, createUser, signIn, TEST_DATABASE_URL, type Agent, type TestContext } from './context.js';
import { pgliteTemplate } from './db-template.js';
import { createRequest, ensureDepartment, PDF, uploadFile } from './opinions-fixtures.js';
import { addPlan, CARD_PNG, uploadCard } from './profile-fixtures.js';

/**
 * The restore drill: Portico takes writes (second-opinion requests with an uploaded record each)
 * while a backup is made; the backup is restored into an empty database and files folder; a
 * Portico opened on the copy must serve every write acknowledged before the backup began, byte for
 * byte, and every write it holds from during the backup must be whole. Damaged or too-new backups
 * are refused. Runs on PGlite, and on PostgreSQL when PORTICO_TEST_DATABASE_URL is set.
 */
const ENGINE = TEST_DATABASE_URL ? 'postgres' : 'pglite';
const FILE_KEY = randomBytes(32).toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Written {
  requestId: string;
  sha256: string;
  /** When the write was acknowledged (performance.now()). */
  ackedAt: number;
}

let root: string;
let source: TestContext;
let socket: BackupSocket | null = null;
let patient: Agent;
let patientEmail: string;
let dept: string;
const extraDatabases: string[] = [];
/** While set, the backup socket's image waits for it (see beforeAll). */
let imageGate: Promise<void> | null = null;

function envFor(name: string, databaseUrl: string | null): Record<string, string> {
  return {
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_AUTH_RATE_LIMIT: '100000',
    PORTICO_DATA_DIR: join(root, `${name}-db`),
    PORTICO_FILES_DIR: join(root, `${name}-files`),
    PORTICO_FILE_KEY: FILE_KEY,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

/** A new, empty PostgreSQL database on the test server (dropped afterwards). */
async function emptyPostgres(): Promise<string> {
  const name = `portico_drill_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL ?? '' });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  extraDatabases.push(name);
  const url = new URL(TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

/** Portico as `start` opens it: the database, migrations forward, the app. */
async function openPortico(config: Config, template?: Blob): Promise<TestContext> {
  const database: DatabaseHandle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 4,
    ...(template ? { template } : {}),
  });
  await migrate(database);
  const { app, services, compileSerializers } = await buildApp(config, database, false);
  await app.ready();
  return {
    app,
    services,
    compileSerializers,
    database,
    config,
    orgId: '',
    async close() {
      await app.close();
      await database.close();
    },
  };
}

async function writeOne(i: number): Promise<Written> {
  const req = await createRequest(patient, dept, { condition: `Drill case ${i}` });
  const data = PDF(`drill-${i}-${randomBytes(8).toString('hex')}`);
  const res = await uploadFile(source, { agent: patient }, req.id, data, {
    filename: `r${i}.pdf`,
    category: 'records',
  });
  if (res.statusCode !== 204) throw new Error(`upload ${i} failed ${res.statusCode}: ${res.body}`);
  return { requestId: req.id, sha256: sha(data), ackedAt: performance.now() };
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpsError);
  return (err as OpsError).code;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'portico-drill-'));
  const config = loadConfig(envFor('source', TEST_DATABASE_URL));
  source = await openPortico(config, ENGINE === 'pglite' ? await pgliteTemplate('migrated') : undefined);
  source.orgId = await createOrganization(source.database);
  // The running Portico's image, held (by the drill only) until a write made during the backup has
  // been acknowledged: PGlite takes the image under its query lock, so without this a write could
  // only land in the few milliseconds of the files copy and the drill could pass with none.
  const live = source.database;
  const held = Object.assign(Object.create(live) as DatabaseHandle, {
    dump: async () => {
      await imageGate;
      if (!live.dump) throw new Error('not the embedded database');
      return live.dump();
    },
  });
  socket = await serveBackups(held, config.dataDir, { error: () => undefined });
  dept = await ensureDepartment(source);
  patientEmail = (await createUser(source, 'patient')).email;
  patient = await signIn(source.app, patientEmail);
});

afterAll(async () => {
  await socket?.close();
  await source?.close();
  if (extraDatabases.length > 0) {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL ?? '' });
    await admin.connect();
    for (const name of extraDatabases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  await rm(root, { recursive: true, force: true });
});

describe(`backup and restore drill (${ENGINE})`, () => {
  let folder: string;
  let manifest: Manifest;
  const before: Written[] = [];
  const during: Written[] = [];

  it('backs up while writes go on, restores into an empty database, and the copy serves every acknowledged write', async () => {
    for (let i = 0; i < 4; i++) before.push(await writeOne(i));

    // Writes keep coming while the backup runs (each one acknowledged before the next starts).
    let backingUp = true;
    let landed = () => undefined as void;
    imageGate = new Promise<void>((resolve) => (landed = resolve));
    const backupStarted = performance.now();
    const writer = (async () => {
      for (let i = 100; backingUp && i < 400; i++) {
        const w = await writeOne(i);
        during.push(w);
        if (w.ackedAt > backupStarted) landed();
      }
    })().finally(() => landed());
    folder = join(root, 'backup');
    const result = await backup(source.config, folder).finally(() => (imageGate = null));
    const backupEnded = performance.now();
    const backupMs = backupEnded - backupStarted;
    backingUp = false;
    await writer;
    // The drill means something only if writes landed while the backup ran.
    expect(during.filter((w) => w.ackedAt > backupStarted && w.ackedAt < backupEnded).length).toBeGreaterThan(0);
    manifest = result.manifest;
    expect(manifest).toMatchObject({ engine: ENGINE, fileKey: { source: 'PORTICO_FILE_KEY' } });
    expect(manifest.schemaVersion).toMatch(/^\d{4}$/);
    // The key is never in the backup, only its fingerprint.
    expect(await readFile(join(folder, 'manifest.json'), 'utf8')).not.toContain(FILE_KEY);
    expect(manifest.entries.filter((e) => e.path.startsWith('files/')).length).toBeGreaterThanOrEqual(before.length);

    const target = loadConfig(envFor('restored', ENGINE === 'postgres' ? await emptyPostgres() : null));
    const restoreStarted = performance.now();
    const restored = await restore(target, folder);
    expect(restored.files).toBe(manifest.entries.length - 1);
    const copy = await openPortico(target);
    const rtoMs = performance.now() - restoreStarted;
    try {
      // The patient signs in on the copy with the same password: accounts came across too.
      const patientOnCopy = await signIn(copy.app, patientEmail);
      /** The request on the copy with its one document's bytes, or null when the copy does not have it. */
      const onCopy = async (w: Written): Promise<string | null | 'no document'> => {
        const res = await patientOnCopy.inject('GET', `/api/second-opinions/${w.requestId}`);
        if (res.statusCode === 404) return null;
        expect(res.statusCode).toBe(200);
        const doc = res.json<OpinionRequest>().documents[0];
        if (!doc) return 'no document';
        const file = await patientOnCopy.inject(
          'GET',
          `/api/second-opinions/${w.requestId}/documents/${doc.id}/content`,
        );
        expect(file.statusCode).toBe(200);
        return sha(file.rawPayload);
      };
      // Everything acknowledged before the backup began is there, byte for byte.
      for (const w of before) expect(await onCopy(w)).toBe(w.sha256);
      // Writes from during the backup are in it whole, or (made after the copy point) not at all;
      // a request may be in without its upload when the copy fell between the two.
      let included = 0;
      for (const w of during) {
        const found = await onCopy(w);
        if (found === null) continue;
        included++;
        if (found !== 'no document') expect(found).toBe(w.sha256);
      }
      process.stdout.write(
        `[restore drill ${ENGINE}] ${before.length + during.length} acknowledged writes (${during.length} during the backup, ${included} of those in it); ` +
          `backup ${(backupMs / 1000).toFixed(1)} s (database ${manifest.timings.databaseMs} ms, files ${manifest.timings.filesMs} ms), ` +
          `restore + open ${(rtoMs / 1000).toFixed(1)} s, ${manifest.entries.length - 1} files\n`,
      );
    } finally {
      await copy.close();
    }
  }, 180_000); // a whole backup, restore and start of a copy: minutes on a loaded 2-core machine

  it('refuses a restore into a database or files folder that is not empty', async () => {
    const target = loadConfig(envFor('restored', ENGINE === 'postgres' ? TEST_DATABASE_URL : null));
    expect(await refusal(restore(target, folder))).toBe('restore_target_not_empty');
  });

  it('refuses a damaged backup and a backup from a newer schema, writing nothing', async () => {
    const damaged = join(root, 'damaged');
    await cp(folder, damaged, { recursive: true });
    const victim = manifest.entries.find((e) => e.path.startsWith('files/'));
    if (!victim) throw new Error('the backup holds no files');
    const path = join(damaged, ...victim.path.split('/'));
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    const target = loadConfig(envFor('damaged-target', ENGINE === 'postgres' ? await emptyPostgres() : null));
    expect(await refusal(restore(target, damaged))).toBe('backup_checksum_mismatch');

    const newer = join(root, 'newer');
    await cp(folder, newer, { recursive: true });
    await writeManifest(newer, { ...(await readManifest(newer)), schemaVersion: '9999', schemaName: '9999_future' });
    expect(await refusal(restore(target, newer))).toBe('backup_schema_newer');

    // The right backup, but the files folder would get another master key than they were sealed with.
    const otherKey = loadConfig({ ...envFor('other-key', null), PORTICO_FILE_KEY: randomBytes(32).toString('base64') });
    const keyTarget = { ...target, files: otherKey.files };
    expect(await refusal(restore(keyTarget, folder))).toBe('file_key_mismatch');

    // Nothing was written by any refusal.
    expect(await readdir(target.files.dir).catch(() => [])).toEqual([]);
    if (ENGINE === 'pglite') expect(await readdir(target.dataDir).catch(() => [])).toEqual([]);
    else await restore(target, folder); // still empty, so a good backup goes in
  });

  it('restores a backup whose manifest lists files that vanished while it was made, and says so', async () => {
    const withVanished = join(root, 'with-vanished');
    await cp(folder, withVanished, { recursive: true });
    const gone = 'files/objects/zz/zz000000-gone.enc';
    const both = join(root, 'vanished-and-copied');
    await cp(folder, both, { recursive: true });
    const copied = manifest.entries.find((e) => e.path.startsWith('files/'))?.path ?? '';
    await writeManifest(both, { ...manifest, vanished: [copied] });
    const target = loadConfig(envFor('vanished-target', ENGINE === 'postgres' ? await emptyPostgres() : null));
    expect(await refusal(restore(target, both))).toBe('backup_checksum_mismatch');

    await writeManifest(withVanished, { ...manifest, vanished: [gone] });
    const restored = await restore(target, withVanished);
    expect(restored.files).toBe(manifest.entries.length - 1);
    expect(restored.notes.join('\n')).toContain('1 stored file(s) were removed while this backup was made');
  }, 120_000);

  it('leaves the master key file and unfinished uploads out of the files copy', async () => {
    const files = join(root, 'key-file-files');
    await mkdir(join(files, 'uploads'), { recursive: true });
    await mkdir(join(files, 'objects', 'ab'), { recursive: true });
    await writeFile(join(files, '.file-master-key'), randomBytes(32).toString('base64'));
    await writeFile(join(files, 'uploads', 'x.part'), 'half');
    await writeFile(join(files, 'objects', 'ab', 'abc.enc'), 'sealed');
    const { entries } = await backupFiles(files, join(root, 'key-file-backup'));
    expect(entries.map((e) => e.path)).toEqual(['files/objects/ab/abc.enc']);
    expect(await readdir(join(root, 'key-file-backup', 'files'))).toEqual(['objects']);
  });

  it('refuses to write a backup into a folder that already holds one', async () => {
    expect(await refusal(backup(source.config, folder))).toBe('backup_target_not_empty');
  });
});

describe(`stored files deleted around a backup (${ENGINE})`, () => {
  const present = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );

  it('keeps a replaced card photo through the grace period, so a backup taken meanwhile copies it; the job removes it after', async () => {
    const staff = await signIn(source.app, (await createUser(source, 'staff')).email);
    const plan = await addPlan(staff);
    const added = await patient.inject('POST', '/api/profile/coverages', {
      planId: plan.id,
      priority: 1,
      memberId: 'BK-1',
    });
    expect(added.statusCode, added.body).toBe(201);
    const coverage = added.json<Coverage>();
    const card = { name: 'card.png', type: 'image/png', data: CARD_PNG };
    expect((await uploadCard(source, patient, coverage.id, 'front', card)).statusCode).toBe(200);
    const cardId = async () =>
      (
        await source.database.db
          .selectFrom('coverage_card_images')
          .select('id')
          .where('coverage_id', '=', coverage.id)
          .executeTakeFirstOrThrow()
      ).id;
    const oldId = await cardId();
    const oldPath = source.services.files.objectPath(oldId);
    const rel = `files/${oldPath
      .slice(source.config.files.dir.length + 1)
      .split('\\')
      .join('/')}`;

    // The backup lists the files, the photo is replaced, then the backup copies what it listed.
    const listed = await listFiles(source.config.files.dir);
    expect(listed).toContain(oldPath);
    expect((await uploadCard(source, patient, coverage.id, 'front', card)).statusCode).toBe(200);
    expect(await cardId()).not.toBe(oldId);
    const during = await copyFiles(source.config.files.dir, join(root, 'replaced-backup'), listed);
    expect(during.vanished).toEqual([]);
    expect(during.entries.map((e) => e.path)).toContain(rel);
    // A whole backup beside another replacement succeeds too.
    const [whole] = await Promise.all([
      backup(source.config, join(root, 'replaced-whole')),
      uploadCard(source, patient, coverage.id, 'front', card),
    ]);
    expect(whole.manifest.vanished).toBeUndefined();

    // Its removal is recorded in the database, due once the grace period has passed.
    const removal = await source.database.db
      .selectFrom('jobs')
      .select(['id', 'run_at'])
      .where('kind', '=', REMOVE_FILES_JOB)
      .where(sql<boolean>`payload->'ids' ? ${oldId}`)
      .executeTakeFirstOrThrow();
    expect(removal.run_at.getTime()).toBeGreaterThan(Date.now() + source.config.files.deleteGraceMs - 3600_000);
    await source.services.jobs.runDue('test');
    expect(await present(oldPath)).toBe(true);

    // Once due, the job removes the file; a backup that had listed it skips it as vanished.
    await source.database.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('id', '=', removal.id)
      .execute();
    await source.services.jobs.runDue('test');
    expect(await present(oldPath)).toBe(false);
    const after = await copyFiles(source.config.files.dir, join(root, 'vanished-backup'), listed);
    expect(after.vanished).toEqual([rel]);
    expect(after.entries.map((e) => e.path)).not.toContain(rel);
    expect(await present(join(root, 'vanished-backup', ...rel.split('/')))).toBe(false);
  }, 120_000);
});
