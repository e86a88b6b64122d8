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
