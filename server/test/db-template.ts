import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');

function hashOf(dirs: string[], extra: string): string {
  const h = createHash('sha256').update(extra);
  for (const dir of dirs) {
    for (const f of readdirSync(dir).sort()) {
      const path = join(dir, f);
      if (f.endsWith('.sql') || f.endsWith('.ts')) h.update(f).update(readFileSync(path));
    }
  }
  return h.digest('hex').slice(0, 16);
}

type TemplateOptions = { prepare?: (db: DatabaseHandle) => Promise<void>; sources?: string[]; extra?: string };

function templateFile(name: string, opts: TemplateOptions): string {
  const key = hashOf([join(SRC, 'db/migrations'), ...(opts.sources ?? []).map((s) => join(SRC, s))], opts.extra ?? '');
  return join(tmpdir(), `portico-pglite-${name}-${key}.tar.gz`);
}

/** The cached archive itself, e.g. to start an embedded database in a real folder from it. */
export async function pgliteTemplate(name: string, opts: TemplateOptions = {}): Promise<Blob> {
  const file = templateFile(name, opts);
  if (!existsSync(file)) await (await openPgliteFromTemplate(name, opts)).close();
  return new Blob([await readFile(file)]);
}

/**
 * An embedded database with every migration applied (and, with `prepare`, more), started from a
 * cached archive of the same state: each test file pays for PGlite's start, not for the
 * migrations again. The cache key covers the migrations, the sources `prepare` reads and `extra`
 * (e.g. today's date for demo data), so a change to any of them makes a fresh archive.
 */
export async function openPgliteFromTemplate(name: string, opts: TemplateOptions = {}): Promise<DatabaseHandle> {
  const file = templateFile(name, opts);
  if (existsSync(file)) {
    const template = new Blob([await readFile(file)]);
    return openDatabase({ databaseUrl: null, dataDir: 'memory://', template });
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await migrate(database);
  if (opts.prepare) await opts.prepare(database);
  if (database.dump) {
    const archive = Buffer.from(await (await database.dump()).arrayBuffer());
    // Write then rename: two files making the same archive at once never read a half-written one.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, archive);
    await rename(partial, file);
  }
  return database;
}
