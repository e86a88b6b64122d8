import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * The embedded database as the dialect uses it: one session (PGlite, here in a worker thread)
 * that runs statements in the order they are sent. `query` sends at once, when it is called.
 */
export interface EmbeddedDatabase {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[]; affectedRows?: number; queuedMs?: number }>;
  /** Statements sent and not yet answered. */
  inFlight(): number;
  close(): Promise<void>;
}

/**
 * A Kysely dialect for embedded PGlite. PGlite is one connection, so the driver hands it out
 * under a mutex. A transaction holds it from BEGIN to COMMIT, so nothing else is sent in between.
 * A statement of its own holds it only while it is sent: the database answers in order, so the
 * next one can be on its way while this one runs, and the database never waits for the server's
 * busy main thread to send it more work (a pipeline, as PostgreSQL's own protocol allows).
 * (The published kysely-pglite-dialect pins an old PGlite; this is small enough to own.)
 */
export class PGliteDialect implements Dialect {
  readonly #mutex = new Mutex();
  constructor(
    private readonly pglite: EmbeddedDatabase,
    /** Told how long each query waited for the connection (load shedding reads it). */
    private readonly onWait: (ms: number) => void = () => undefined,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.#mutex, this.onWait);
  }
  /** Statements waiting for the one connection: for the lock, or sent and queued behind the one running. */
  waiting(): number {
    return Math.max(0, this.#mutex.queued - 1) + Math.max(0, this.pglite.inFlight() - 1);
  }
  /** Runs `fn` holding the connection, as a transaction does (scripts, a consistent image). */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const asked = performance.now();
    const release = await this.#mutex.lock();
    this.onWait(performance.now() - asked);
    try {
      return await fn();
    } finally {
      release();
    }
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  /** Callers holding or waiting for the lock. */
  queued = 0;
  lock(): Promise<() => void> {
    let release!: () => void;
    this.queued++;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => () => {
      this.queued--;
      release();
    });
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/**
 * The one connection, as one caller holds it (from acquire to release). Outside a transaction it
 * hands the lock back once its statement is sent; a caller that keeps it for more statements
 * (Kysely's `db.connection()`) takes the lock again before each, so its statement is never sent
 * into the middle of another caller's transaction.
 */
class PGliteConnection implements DatabaseConnection {
  #release: (() => void) | null;
  #inTransaction = false;
  #waitedMs: number | null;
  constructor(
    private readonly pglite: EmbeddedDatabase,
    private readonly mutex: Mutex,
    release: () => void,
    waitedMs: number,
    private readonly onWait: (ms: number) => void,
  ) {
    this.#release = release;
    this.#waitedMs = waitedMs;
  }

  /** Keeps the connection until `release` (BEGIN to COMMIT or ROLLBACK). */
  holdForTransaction(): void {
    this.#inTransaction = true;
  }

  /** After COMMIT or ROLLBACK: lets the next caller in, even if this connection is kept for more. */
  endTransaction(): void {
    this.#inTransaction = false;
    this.release();
  }

  /** Lets the next caller send (idempotent). */
  release(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#release === null) {
      const asked = performance.now();
      this.#release = await this.mutex.lock();
      this.#waitedMs = performance.now() - asked;
    }
    const answer = this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    // Sent: outside a transaction, the next statement may follow it down the pipe at once.
    if (!this.#inTransaction) this.release();
    const result = await answer;
    if (this.#waitedMs !== null) {
      // How long this caller waited for the database: for the lock, then behind statements sent before.
      this.onWait(this.#waitedMs + (result.queuedMs ?? 0));
      this.#waitedMs = null;
    }
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on the embedded database');
  }
}

class PGliteDriver implements Driver {
  constructor(
    private readonly pglite: EmbeddedDatabase,
    private readonly mutex: Mutex,
    private readonly onWait: (ms: number) => void,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const asked = performance.now();
    const release = await this.mutex.lock();
    return new PGliteConnection(this.pglite, this.mutex, release, performance.now() - asked, this.onWait);
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (conn instanceof PGliteConnection) conn.holdForTransaction();
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      if (conn instanceof PGliteConnection) conn.endTransaction();
    }
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      if (conn instanceof PGliteConnection) conn.endTransaction();
    }
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    if (conn instanceof PGliteConnection) conn.release();
  }
  async destroy(): Promise<void> {
    await this.pglite.close();
  }
}
