import { createHash } from 'node:crypto';
import type { RawBuilder } from 'kysely';
import type { Caller } from './caller.js';
import { AppError, validation } from './errors.js';
import { pgConstraint } from './pg-errors.js';
import { IdempotencyRepository, type Db, type KeyRef, type StoredAnswer } from './idempotency-repository.js';

/** What a retry-safe create answers: its status and body, and whether this is a replay of the first answer. */
export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Keys without an account (public registration) must be unguessable: a UUID or longer. */
export const ANONYMOUS_KEY_MIN_LENGTH = 32;
/** Stored answers are kept at least this long; the purge job forgets older ones. */
export const KEY_LIFETIME_MS = 24 * 3_600_000;
/** The hourly job that forgets stored answers past their lifetime. */
export const PURGE_JOB = 'idempotency.purge';

export interface IdempotencyOptions {
  /** Told of every replay, so the audit trail shows the stored answer was handed out again. */
  onReplay?: (caller: Caller, operation: string) => Promise<void>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The same value with object keys sorted (and undefined members dropped), so equal requests hash equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** True when a database error is a second claim of one key (a concurrent duplicate), not the create's own conflict. */
export const isKeyConflict = (err: unknown): boolean => pgConstraint(err).startsWith('idempotent_requests');

const reused = () =>
  new AppError(
    'idempotency_key_reused',
    422,
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  );

/**
 * Idempotency-Key handling for every create a client may retry (docs/decisions/0020): same key and
 * same request → the first answer again; same key, other request → 422 `idempotency_key_reused`.
 */
export class Idempotency {
  constructor(
    private readonly db: Db,
    private readonly options: IdempotencyOptions = {},
  ) {}

  /**
   * One create, keyed by the caller's Idempotency-Key (none: it simply runs). `input` is what
   * makes two requests the same one: path ids and the body (file digests, not file bytes).
   */
  request(
    caller: Caller,
    operation: string,
    key: string | null | undefined,
    input: unknown,
    status = 201,
  ): RetrySafeCreate {
    if (key && caller.userId === null && key.length < ANONYMOUS_KEY_MIN_LENGTH) {
      throw validation(
        [{ field: 'idempotency-key', message: 'Use a random UUID (crypto.randomUUID()) as the key.' }],
        `Without an account the Idempotency-Key must be at least ${ANONYMOUS_KEY_MIN_LENGTH} random characters.`,
      );
    }
    const ref = key ? { userId: caller.userId, keyHash: sha256(key) } : null;
    const requestHash = sha256(JSON.stringify(canonical({ operation, actingFor: caller.actingForPatientId, input })));
    return new RetrySafeCreate(this.db, this.options, caller, operation, ref, requestHash, status);
  }

  /** Forgets stored answers older than the key lifetime; returns how many. */
  purgeExpired(now = new Date()): Promise<number> {
    return new IdempotencyRepository(this.db).purge(new Date(now.getTime() - KEY_LIFETIME_MS));
  }
}

/** One keyed create: `run` around the whole create, `within` inside its transaction. */
export class RetrySafeCreate {
  constructor(
    private readonly db: Db,
    private readonly options: IdempotencyOptions,
    private readonly caller: Caller,
    private readonly operation: string,
    private readonly ref: KeyRef | null,
    private readonly requestHash: string,
    private readonly status: number,
  ) {}

  /**
   * Answers from the store when the key was used before; otherwise runs the create. When the
   * create fails and a twin request with the same key committed meanwhile (a concurrent
   * duplicate: it lost the claim, or tripped over the twin's row), the twin's answer is replayed.
   */
  async run<T>(create: () => Promise<T>): Promise<Answer<T>> {
    if (!this.ref) return { status: this.status, body: await create(), replayed: false };
    const prior = await this.replay<T>();
    if (prior) return prior;
    try {
      return { status: this.status, body: await create(), replayed: false };
    } catch (err) {
      const twin = await this.replay<T>().catch((lookup: unknown) => {
        if (lookup instanceof AppError) throw lookup;
        return null;
      });
      if (twin) return twin;
      throw err;
    }
  }

  /**
   * Inside the create's transaction: claims the key first (a concurrent duplicate waits on it,
   * then fails and replays), runs the create and stores its answer, all committed together.
   * Everything `create` reads must use the transaction (PGlite has one connection).
   */
  async within<T>(trx: Db, create: () => Promise<T>): Promise<T> {
    if (!this.ref) return create();
    const repo = new IdempotencyRepository(trx);
    await repo.claim(this.ref, this.operation, this.requestHash);
    const body = await create();
    await repo.answer(this.ref, this.status, body);
    return body;
  }

  /**
   * Like `within`, for a create that knows its answer before it writes and writes in one
   * statement: `write` gets the claim — the key's row with `body` already stored in it, or null
   * without a key — to run first in that statement (its rows selected from the claim's, so a
   * concurrent duplicate still waits on the key). One round trip instead of three.
   */
  async withinOne<T>(trx: Db, body: T, write: (claim: RawBuilder<unknown> | null) => Promise<void>): Promise<T> {
    const claim = this.ref
      ? new IdempotencyRepository(trx).claimAnswered(this.ref, this.operation, this.requestHash, this.status, body)
      : null;
    await write(claim);
    return body;
  }

  private async replay<T>(): Promise<Answer<T> | null> {
    if (!this.ref) return null;
    const prior: StoredAnswer | undefined = await new IdempotencyRepository(this.db).find(this.ref);
    if (!prior) return null;
    if (prior.operation !== this.operation || prior.request_hash !== this.requestHash) throw reused();
    await this.options.onReplay?.(this.caller, this.operation);
    return { status: prior.status_code, body: prior.response as unknown as T, replayed: true };
  }
}
