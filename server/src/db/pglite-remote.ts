import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerError, WorkerHello, WorkerOpenOptions, WorkerRequest, WorkerResponse } from './pglite-protocol.js';

/** A PostgreSQL-style error rebuilt on this thread: the same message, `code`, `constraint`, … */
export class EmbeddedDatabaseError extends Error {
  override name = 'DatabaseError';
  code?: string;
  constructor(fields: WorkerError) {
    super(fields.message);
    for (const [key, value] of Object.entries(fields)) {
      if (key !== 'message' && key !== 'name' && key !== 'stack' && value !== undefined) {
        Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
  }
}

/** SQLSTATE 08006 (connection failure): the worker is gone; the error plugin answers 503. */
const gone = (why: string): EmbeddedDatabaseError =>
  new EmbeddedDatabaseError({ message: `the embedded database stopped: ${why}`, code: '08006' });
/** SQLSTATE 57P01 (admin shutdown): a query after close, e.g. a request finishing during shutdown. */
const closed = (): EmbeddedDatabaseError =>
  new EmbeddedDatabaseError({ message: 'the embedded database is closed', code: '57P01' });

/**
 * The worker's code: next to the compiled server (server/dist/pglite-worker.js), or, when the
 * server runs from TypeScript source (tsx, vitest), the source file loaded through tsx's API
 * (Node 20 does not pass tsx's loader on to worker threads).
 */
function startWorker(opts: WorkerOpenOptions): Worker {
  const options = { workerData: opts, ...(opts.template ? { transferList: [opts.template] } : {}) };
  const compiled = new URL('./pglite-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options);
  const source = new URL('./pglite-worker.ts', import.meta.url).href;
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`;
  return new Worker(boot, { ...options, eval: true, execArgv: [] });
}

type Pending = { resolve: (response: WorkerResponse & { ok: true }) => void; reject: (err: Error) => void };

/**
 * Embedded PGlite running in a worker thread, so WASM PostgreSQL and its synchronous file I/O
 * never block the HTTP server. Requests are answered in the order they are sent; callers (the
 * Kysely dialect) hold a lock so one transaction has the database to itself. If the worker dies,
 * every waiting and later request fails with SQLSTATE 08006 (503 database_unavailable).
 */
export class RemotePglite {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: EmbeddedDatabaseError | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (message: WorkerResponse) => this.#settle(message));
    worker.on('error', (err) => this.#fail(gone(err.message)));
    worker.on('exit', (code) => this.#fail(code === 0 ? closed() : gone(`worker exited with code ${code}`)));
  }

  /** Starts the worker and opens the database in it; rejects with the worker's reason if that fails. */
  static async open(opts: WorkerOpenOptions): Promise<RemotePglite> {
    const worker = startWorker(opts);
    const hello = await new Promise<WorkerHello>((resolve, reject) => {
      const onExit = (code: number): void => reject(new Error(`the database worker exited with code ${code}`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: WorkerHello) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(message);
      });
    });
    if (!hello.ready) {
      await worker.terminate();
      throw new EmbeddedDatabaseError(hello.error);
    }
    const remote = new RemotePglite(worker);
    worker.unref(); // only waiting requests keep the process alive (see #send)
    return remote;
  }

  /**
   * Sends the statement at once (behind any sent before it, which the worker answers first) and
   * resolves with its rows, and with how long it waited in line (`queuedMs`: the round trip less
   * the time the database worked on it).
   */
  async query<R>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; affectedRows?: number; queuedMs: number }> {
    const sent = performance.now();
    const response = await this.#send({ op: 'query', sql, params });
    return {
      rows: (response.rows ?? []) as R[],
      ...(response.affectedRows !== undefined ? { affectedRows: response.affectedRows } : {}),
      queuedMs: Math.max(0, performance.now() - sent - (response.ms ?? 0)),
    };
  }

  /** Requests sent and not yet answered. */
  inFlight(): number {
    return this.#pending.size;
  }

  async exec(sql: string): Promise<void> {
    await this.#send({ op: 'exec', sql });
  }

  /** The database's files as one gzip archive (PGlite's `dumpDataDir`). */
  async dumpDataDir(): Promise<Blob> {
    const response = await this.#send({ op: 'dump' });
    return new Blob([response.archive ?? new ArrayBuffer(0)]);
  }

  /** Closes the database after the requests already sent, then stops the worker. */
  async close(): Promise<void> {
    if (this.#failure) return;
    await this.#send({ op: 'close' });
    this.#failure = closed();
    await this.#worker.terminate();
  }

  #send(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerResponse & { ok: true }> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ ...request, id });
      } catch (err) {
        // A parameter that cannot cross threads (a function, a class instance with private state).
        this.#take(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  #take(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
    return pending;
  }

  #settle(message: WorkerResponse): void {
    const pending = this.#take(message.id);
    if (!pending) return;
    if (message.ok) pending.resolve(message);
    else pending.reject(new EmbeddedDatabaseError(message.error));
  }

  #fail(err: EmbeddedDatabaseError): void {
    this.#failure ??= err;
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of waiting) pending.reject(this.#failure);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
