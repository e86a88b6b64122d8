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
