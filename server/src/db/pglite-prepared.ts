import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { PLAN_WITH_VALUES } from './planner.js';

/** Statements kept prepared at most; the least recently used is closed to make room. */
const MAX_STATEMENTS = 400;
/** Distinct texts remembered as "seen once" at most (a text is prepared the second time it runs). */
const MAX_SEEN = 4000;
/** Statements worth keeping: reads and writes. Anything else runs as before, and so do statements marked PLAN_WITH_VALUES (planner.ts). */
const PREPARABLE = /^\s*(?:select|insert|update|delete|with)\b/i;
/**
 * Never prepared: an `ON CONFLICT` target is matched to a unique index while planning, and a
 * partial index's predicate (`where entry_type = $1`) matches only once the value is known; the
 * generic plan PostgreSQL tries after five runs of a prepared statement fails to find the index.
 */
const NEEDS_VALUES = /\bon\s+conflict\b/i;
/** Statements after which every prepared statement is dropped (a table's shape may have changed). */
const SCHEMA_CHANGE = /^\s*(?:create|alter|drop|truncate|comment|grant|revoke)\b/i;

/** Whether a statement may be kept prepared (a read or write that is not to be planned with its values). */
function preparable(sql: string): boolean {
  return PREPARABLE.test(sql) && !NEEDS_VALUES.test(sql) && !sql.includes(PLAN_WITH_VALUES);
}

/** A read or write that must be planned with its values each time (an unnamed statement per run). */
function plannedWithValues(sql: string): boolean {
  return sql.includes(PLAN_WITH_VALUES) || (PREPARABLE.test(sql) && NEEDS_VALUES.test(sql));
}

interface Prepared {
  name: string;
  paramTypes: readonly number[];
}

export interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
}

/**
 * Named prepared statements for embedded PGlite. `pglite.query` parses, analyses and plans every
 * statement anew (an unnamed statement); in WASM PostgreSQL, planning a six-table join takes
 * about 2.3 ms against 0.25 ms to run it, so the visit and session reads the hot paths make were
 * mostly planning. A text seen a second time is prepared under a name, and later runs only bind
 * and execute it — PostgreSQL keeps the plan (a generic one once it costs no more than planning
 * each time, its `plan_cache_mode = auto`) and plans again by itself when a table it reads
 * changes. Bind, describe, execute and sync go to the database as one message buffer.
 *
 * A statement that must be planned with its values each time (PLAN_WITH_VALUES, NEEDS_VALUES)
 * stays an unnamed statement, planned on every run; from its second run, its parameter types are
 * remembered and parse, bind, describe, execute and sync go as one buffer too — `pglite.query`
 * makes six calls into the database for one statement (about 2 ms more per statement here).
 *
 * Results and errors have the same shape as `pglite.query`'s (the same parsers and serializers).
 * Runs on the worker thread that owns the database, one request at a time (pglite-worker.ts).
 */
export class PreparedStatements {
  readonly #statements = new Map<string, Prepared>();
  readonly #seen = new Set<string>();
  /** Parameter types of statements planned with their values, by text (no statement is kept). */
  readonly #valueTypes = new Map<string, readonly number[]>();
  #nextName = 1;

  constructor(private readonly pglite: PGlite) {}

  async query(sql: string, params: readonly unknown[]): Promise<QueryResult> {
    if (SCHEMA_CHANGE.test(sql)) {
      const result = await this.pglite.query(sql, [...params]);
      await this.forget();
      return result;
    }
    if (plannedWithValues(sql)) {
      const types = await this.#typesFor(sql);
      if (!types) return this.pglite.query(sql, [...params]);
      return this.#run(sql, params, [
        protocol.serialize.parse({ text: sql, types: [...types] }),
        protocol.serialize.bind({ values: this.#values(types, params) }),
      ]);
    }
    const statement = preparable(sql) ? await this.#statementFor(sql) : undefined;
    if (!statement) return this.pglite.query(sql, [...params]);
    return this.#run(sql, params, [
      protocol.serialize.bind({ statement: statement.name, values: this.#values(statement.paramTypes, params) }),
    ]);
  }

  /** Closes every prepared statement (after a schema change, or before `exec` runs a script). */
  async forget(): Promise<void> {
    this.#valueTypes.clear();
    if (this.#statements.size === 0) return;
    this.#statements.clear();
    this.#seen.clear();
    await this.pglite.exec('deallocate all');
  }

  async #statementFor(sql: string): Promise<Prepared | undefined> {
    const known = this.#statements.get(sql);
    if (known) {
      // Most recently used last: a Map keeps insertion order, so the first entry is the coldest.
      this.#statements.delete(sql);
      this.#statements.set(sql, known);
      return known;
    }
    if (!this.#seen.has(sql)) {
      if (this.#seen.size >= MAX_SEEN) this.#seen.clear();
      this.#seen.add(sql);
      return undefined;
    }
    return this.#prepare(sql);
  }

  /**
   * The parameter types of a statement planned with its values: undefined on its first run (it runs
   * through `pglite.query`, like any statement seen once) and when PostgreSQL cannot parse it.
   */
  async #typesFor(sql: string): Promise<readonly number[] | undefined> {
    const known = this.#valueTypes.get(sql);
    if (known) return known;
    if (!this.#seen.has(sql)) {
      if (this.#seen.size >= MAX_SEEN) this.#seen.clear();
      this.#seen.add(sql);
      return undefined;
    }
    let messages;
    try {
      messages = await this.#exchange([
        protocol.serialize.parse({ text: sql, types: [] }),
        protocol.serialize.describe({ type: 'S' }),
      ]);
    } catch {
      return undefined;
    }
    const types = parse.parseDescribeStatementResults(messages);
    if (this.#valueTypes.size >= MAX_SEEN) this.#valueTypes.clear();
    this.#valueTypes.set(sql, types);
    return types;
  }

  async #prepare(sql: string): Promise<Prepared | undefined> {
    if (this.#statements.size >= MAX_STATEMENTS) {
      const [coldest, statement] = this.#statements.entries().next().value ?? [];
      if (coldest !== undefined && statement) {
        this.#statements.delete(coldest);
        await this.#exchange([protocol.serialize.close({ type: 'S', name: statement.name })]);
      }
    }
    const name = `portico_${this.#nextName++}`;
    let messages;
    try {
      messages = await this.#exchange([
        protocol.serialize.parse({ name, text: sql, types: [] }),
        protocol.serialize.describe({ type: 'S', name }),
      ]);
    } catch {
      // A statement PostgreSQL cannot prepare runs as before, so its error reads the same.
      return undefined;
    }
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.#statements.set(sql, prepared);
    return prepared;
  }

  /** Each value as text for PostgreSQL, by the type the statement declared for it (as pglite.query does). */
  #values(types: readonly number[], params: readonly unknown[]): (string | null)[] {
    return params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = types[i];
      const serializer = type === undefined ? undefined : this.pglite.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
  }

  /** Sends `bindAndBefore` (a bind, after a parse when unnamed), then describe, execute and sync, as one buffer. */
  async #run(sql: string, params: readonly unknown[], bindAndBefore: Uint8Array[]): Promise<QueryResult> {
    let messages;
    try {
      messages = await this.#exchange([
        ...bindAndBefore,
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
      ]);
    } catch (err) {
      // The same fields as pglite.query's errors carry (the statement that failed and its values).
      if (err instanceof Error) Object.assign(err, { query: sql, params });
      throw err;
    }
    const [result] = parse.parseResults(messages, this.pglite.parsers);
    if (!this.pglite.isInTransaction()) await this.pglite.syncToFs();
    return {
      rows: result?.rows ?? [],
      ...(result?.affectedRows !== undefined ? { affectedRows: result.affectedRows } : {}),
    };
  }

  /** Sends the messages and a Sync as one buffer; throws the database's error, if any, after the Sync. */
  async #exchange(messages: Uint8Array[]) {
    const all = [...messages, protocol.serialize.sync()];
    const buffer = new Uint8Array(all.reduce((n, m) => n + m.length, 0));
    let at = 0;
    for (const m of all) {
      buffer.set(m, at);
      at += m.length;
    }
    return this.pglite.execProtocolStream(buffer, { syncToFs: false });
  }
}
