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

/** The embedded database as the dialect uses it: one session (PGlite, here in a worker thread). */
export interface EmbeddedDatabase {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  close(): Promise<void>;
}

/**
 * A Kysely dialect for embedded PGlite. PGlite is one connection, so the driver hands it out
 * under a mutex: a transaction holds it from BEGIN to COMMIT and other queries wait their turn.
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
  /** Queries waiting for the one connection (not counting the one running). */
  waiting(): number {
    return Math.max(0, this.#mutex.queued - 1);
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

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: EmbeddedDatabase) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
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
  readonly #connection: PGliteConnection;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(
    private readonly pglite: EmbeddedDatabase,
    private readonly mutex: Mutex,
    private readonly onWait: (ms: number) => void,
  ) {
    this.#connection = new PGliteConnection(pglite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const asked = performance.now();
    const release = await this.mutex.lock();
    this.onWait(performance.now() - asked);
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(conn);
    this.#releases.delete(conn);
    release?.();
  }
  async destroy(): Promise<void> {
    await this.pglite.close();
  }
}
