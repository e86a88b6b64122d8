/**
 * Messages between the server's main thread and the worker thread that runs embedded PGlite
 * (see pglite-worker.ts and pglite-remote.ts). Everything here survives structured cloning.
 */

/** What the worker needs to open the database (functions such as type parsers are set inside it). */
export interface WorkerOpenOptions {
  /** A folder, or undefined for an in-memory database. */
  dataDir: string | undefined;
  /** A `dumpDataDir` archive to start from instead of an empty database. */
  template?: ArrayBuffer;
  /** PostgreSQL's shared_buffers inside the worker, in MiB. */
  cacheMb: number;
}

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** A database error's fields (message, SQLSTATE `code`, `constraint`, `detail`, …) as plain data. */
export type WorkerError = Record<string, string | number | undefined> & { message: string };

export type WorkerResponse =
  | {
      id: number;
      ok: true;
      rows?: unknown[];
      affectedRows?: number;
      archive?: ArrayBuffer;
      /** How long the database worked on it, in ms (the rest of the round trip was waiting). */
      ms?: number;
    }
  | { id: number; ok: false; error: WorkerError };

/** Sent once after opening: `ready`, or why the database could not be opened. */
export type WorkerHello = { ready: true } | { ready: false; error: WorkerError };
