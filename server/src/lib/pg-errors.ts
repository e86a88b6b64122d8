/** The SQLSTATE of a database error (both pg and PGlite expose `code`), or null. */
export function pgErrorCode(err: unknown): string | null {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : null;
}

/** The constraint a database error names, or '' when none. */
export function pgConstraint(err: unknown): string {
  return typeof err === 'object' && err !== null && 'constraint' in err && typeof err.constraint === 'string'
    ? err.constraint
    : '';
}

export const isUniqueViolation = (err: unknown): boolean => pgErrorCode(err) === '23505';

/**
 * A foreign-key violation (23503), read as what the request did wrong: it named something that
 * does not exist (`missing`, with the column it named when the database says so), or it would
 * remove something others still point at (`in_use`). Null for any other error.
 */
export function foreignKeyProblem(err: unknown): { kind: 'missing' | 'in_use'; column: string | null } | null {
  if (pgErrorCode(err) !== '23503') return null;
  const detail = typeof err === 'object' && err !== null && 'detail' in err ? String(err.detail) : '';
  const message = err instanceof Error ? err.message : '';
  const inUse = /is still referenced/.test(detail) || /^update or delete on table/.test(message);
  const column = /^Key \(([a-z_]+)\)=/.exec(detail)?.[1] ?? null;
  return { kind: inUse ? 'in_use' : 'missing', column };
}

/** Deadlock (40P01) and serialization failure (40001): the database rolled back; running again is safe. */
export const isTransientConflict = (err: unknown): boolean => {
  const code = pgErrorCode(err);
  return code === '40P01' || code === '40001';
};

/**
 * Runs a whole transaction again when the database aborted it as a deadlock or serialization
 * victim. Concurrent inserts checked by one exclusion constraint can deadlock each other (each
 * waits for the other's uncommitted row); the rerun then sees the winner and fails cleanly.
 */
export async function retryTransient<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isTransientConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** Node socket errors meaning the database server cannot be reached right now. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
/** SQLSTATEs of a server that is shutting down, starting, out of connections or out of memory. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53200']);
/** node-postgres reports a dropped or timed-out connection by message only. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end',
];

/**
 * Why a database error means "the database is unreachable, try again shortly" — a short reason
 * safe to log and show in /readyz (a code, never a connection string) — or null for other errors.
 */
export function unavailableReason(err: unknown): string | null {
  const code = pgErrorCode(err);
  if (code && NETWORK_CODES.has(code)) return `connection failed (${code})`;
  if (code && UNAVAILABLE_STATES.has(code)) return `server unavailable (SQLSTATE ${code})`;
  if (code?.startsWith('08')) return `connection lost (SQLSTATE ${code})`;
  const message = err instanceof Error ? err.message : '';
  if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return 'connection lost';
  // AggregateError (several addresses refused, e.g. localhost on IPv4 and IPv6).
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const reason = unavailableReason(inner);
      if (reason) return reason;
    }
  }
  return null;
}

/** Disk full on the database server (53100) or on our own files (ENOSPC), or over quota (EDQUOT). */
export const isStorageFull = (err: unknown): boolean => {
  const code = pgErrorCode(err);
  return code === '53100' || code === 'ENOSPC' || code === 'EDQUOT';
};
