import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import type { DatabaseHandle } from '../db/client.js';
import { appliedSchema } from './schema-version.js';

/**
 * The embedded database belongs to one process, so a backup of a running Portico has to be taken
 * by that process. It listens on a Unix socket beside the data folder (owner-only, never on the
 * network); `npm run backup` asks it for a consistent image through that socket.
 */
export function backupSocketPath(dataDir: string): string {
  return `${resolve(dataDir)}.backup.sock`;
}

export interface DatabaseImage {
  schemaVersion: string;
  schemaName: string;
  image: Buffer;
}

/**
 * The database image, taken under PGlite's query lock: no statement runs while it is copied, so it
 * is the state after some commit — as after a power cut, a transaction still open is rolled back
 * when the copy is opened, and everything committed is there.
 */
export async function imageOf(database: DatabaseHandle): Promise<DatabaseImage> {
  if (!database.dump) throw new Error('Only the embedded database (PGlite) has an image to copy');
  const schema = await appliedSchema(database.db);
  const image = Buffer.from(await (await database.dump()).arrayBuffer());
  return { schemaVersion: schema.version, schemaName: schema.name, image };
}

export interface BackupSocket {
  path: string;
  close(): Promise<void>;
}

/** Serves database images to `npm run backup` (PGlite only; PostgreSQL has pg_dump). */
export async function serveBackups(
  database: DatabaseHandle,
  dataDir: string,
  log: { error(obj: object, msg: string): void },
): Promise<BackupSocket | null> {
  if (database.engine !== 'pglite' || dataDir.startsWith('memory://')) return null;
  const path = backupSocketPath(dataDir);
  // A socket file left by a process that was killed: this process holds the database now.
  await rm(path, { force: true });
  const server: Server = createServer((socket) => {
    socket.once('data', (request) => {
      if (request.toString('utf8').trim() !== 'image') {
        socket.end(`${JSON.stringify({ error: 'unknown request' })}\n`);
        return;
      }
      imageOf(database).then(
        ({ image, ...head }) => {
          socket.write(`${JSON.stringify({ ...head, bytes: image.length })}\n`);
          socket.end(image);
        },
        (err: unknown) => {
          log.error({ err }, 'backup image failed');
          socket.end(`${JSON.stringify({ error: 'the database image could not be taken' })}\n`);
        },
      );
    });
    socket.on('error', () => undefined);
  });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(path, () => ok());
    });
    await chmod(path, 0o600);
  } catch (err) {
    // Serving patients matters more: start anyway; only a live backup is not possible.
    log.error({ err, path }, 'backup socket unavailable: npm run backup cannot copy this running instance');
    server.close();
    return null;
  }
  server.unref();
  return {
    path,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
      }),
  };
}

/**
 * Asks a running Portico for its database image. Null when nothing listens (Portico is stopped,
 * so the folder may be opened directly).
 */
export async function requestImage(dataDir: string): Promise<DatabaseImage | null> {
  const path = backupSocketPath(dataDir);
  return new Promise((ok, fail) => {
    const socket = createConnection(path);
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write('image\n'));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') ok(null);
      else fail(err);
    });
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(10);
      const head = JSON.parse(all.subarray(0, nl).toString('utf8')) as Partial<DatabaseImage> & {
        bytes?: number;
        error?: string;
      };
      const image = all.subarray(nl + 1);
      if (head.error || head.bytes !== image.length || !head.schemaVersion || !head.schemaName) {
        fail(new Error(`The running Portico could not give a database image: ${head.error ?? 'short read'}`));
        return;
      }
      ok({ schemaVersion: head.schemaVersion, schemaName: head.schemaName, image });
    });
  });
}
