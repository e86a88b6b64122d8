import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './client.js';
import { migrate } from './migrate.js';

/**
 * The compiled server ships a migrated, empty embedded database next to itself (made by
 * `scripts/build-server.mjs`). A new data folder starts from it instead of running initdb and
 * every migration, which is most of a first start's time. Run from source (tsx), there is none.
 */
const TEMPLATE = fileURLToPath(new URL('./pglite-template.tgz', import.meta.url));

/** Writes the template: an in-memory PGlite with every migration applied, archived. */
export async function writePgliteTemplate(out: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  await migrate(database);
  if (!database.dump) throw new Error('the embedded database cannot be archived');
  const archive = await database.dump();
  await writeFile(out, Buffer.from(await archive.arrayBuffer()));
  await database.close();
}

/** The template to start `dataDir` from, when the folder is new and a template was built; else undefined. */
export async function freshPgliteTemplate(dataDir: string): Promise<Blob | undefined> {
  if (dataDir.startsWith('memory://') || existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(TEMPLATE)) {
    return undefined;
  }
  return new Blob([await readFile(TEMPLATE)]);
}
