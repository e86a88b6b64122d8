import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isSealedField, type KeyRing } from './keyring.js';
import type { FileStore } from './store.js';

/**
 * The operator commands over everything sealed at rest: `npm run keys:rotate` (re-wrap every
 * per-file key and re-seal every identifier under the current master key) and
 * `npm run files:encrypt` (move files and identifiers stored before 0030 into the sealed form).
 * Both work row by row with a compare-and-set update, so they are safe to stop and run again,
 * and safe beside a running server.
 */

/** Tables whose rows carry a wrapped per-file key (the file body lives in the file store). */
export const WRAPPED_KEY_TABLES = [
  'file_uploads',
  'document_references',
  'message_attachments',
  'coverage_card_images',
  'international_replies',
] as const;

/** Tables whose rows may still hold a plain file body in `data` (written before 0030). */
const PLAIN_FILE_TABLES = ['message_attachments', 'coverage_card_images', 'international_replies'] as const;

/** Identifier columns sealed field by field; `table.column` is bound into each ciphertext. */
export const SEALED_COLUMNS = [
  ['coverages', 'member_id'],
  ['coverages', 'group_number'],
  ['registrations', 'member_id'],
] as const;

const BATCH = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface AtRestReport {
  /** Rows changed, per table (or table.column). */
  changed: Record<string, number>;
  /** Rows that could not be opened with the configured keys: named by id, never by content. */
  failed: { table: string; id: string; reason: string }[];
}

type Db = Kysely<Database>;

/** Re-wraps each per-file key and re-seals each identifier not yet under the current master key. */
export async function rotateKeys(db: Db, keys: KeyRing): Promise<AtRestReport> {
  const report: AtRestReport = { changed: {}, failed: [] };
  const current = `${keys.currentId}:%`;
  for (const table of WRAPPED_KEY_TABLES) {
    let after = FIRST_ID;
    let changed = 0;
    for (;;) {
      const { rows } = await sql<{ id: string; wrapped_key: string }>`
        SELECT id, wrapped_key FROM ${sql.table(table)}
        WHERE wrapped_key IS NOT NULL AND wrapped_key NOT LIKE ${current} AND id > ${after}
        ORDER BY id LIMIT ${BATCH}`.execute(db);
      for (const row of rows) {
        let next: string;
        try {
          next = keys.rewrap(row.wrapped_key);
        } catch (err) {
          report.failed.push({ table, id: row.id, reason: (err as Error).message });
          continue;
        }
        const res = await sql`UPDATE ${sql.table(table)} SET wrapped_key = ${next}
          WHERE id = ${row.id} AND wrapped_key = ${row.wrapped_key}`.execute(db);
        changed += Number(res.numAffectedRows ?? 0);
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    report.changed[table] = changed;
  }
  for (const [table, column] of SEALED_COLUMNS) {
    await resealColumn(db, table, column, report, (stored) =>
      isSealedField(stored) && !keys.isCurrentField(stored)
        ? keys.sealField(`${table}.${column}`, keys.openField(`${table}.${column}`, stored))
        : null,
    );
  }
  return report;
}

/** Seals files and identifiers written before encryption at rest; already sealed ones are left alone. */
export async function encryptExisting(
  db: Db,
  store: FileStore,
  /** Only these row ids (a test sharing its database with others); every row when absent. */
  opts: { onlyIds?: readonly string[] } = {},
): Promise<AtRestReport> {
  const only = opts.onlyIds ? sql`AND id IN (${sql.join(opts.onlyIds.length ? opts.onlyIds : [FIRST_ID])})` : sql``;
  const report: AtRestReport = { changed: {}, failed: [] };
  for (const table of PLAIN_FILE_TABLES) {
    let changed = 0;
    for (;;) {
      const { rows } = await sql<{ id: string; data: Uint8Array }>`
        SELECT id, data FROM ${sql.table(table)} WHERE data IS NOT NULL ${only} ORDER BY id LIMIT ${BATCH}`.execute(db);
      for (const row of rows) {
        const bytes = Buffer.from(row.data);
        // Stored first, then the row switched over in one statement: a crash between the two leaves
        // the plain row as it was, and the next run stores the file again under the same id.
        const wrapped = await store.put(row.id, bytes);
        const res = await sql`UPDATE ${sql.table(table)} SET data = NULL, wrapped_key = ${wrapped}
          WHERE id = ${row.id} AND data IS NOT NULL`.execute(db);
        changed += Number(res.numAffectedRows ?? 0);
      }
      if (rows.length < BATCH) break;
    }
    report.changed[table] = changed;
  }
  for (const [table, column] of SEALED_COLUMNS) {
    await resealColumn(
      db,
      table,
      column,
      report,
      (stored) => (isSealedField(stored) ? null : store.keys.sealField(`${table}.${column}`, stored)),
      only,
    );
  }
  return report;
}

/** Rewrites a column's values where `next` gives a new one (null: leave it). */
async function resealColumn(
  db: Db,
  table: string,
  column: string,
  report: AtRestReport,
  next: (stored: string) => string | null,
  only = sql``,
): Promise<void> {
  let after = FIRST_ID;
  let changed = 0;
  for (;;) {
    const { rows } = await sql<{ id: string; value: string }>`
      SELECT id, ${sql.ref(column)} AS value FROM ${sql.table(table)}
      WHERE ${sql.ref(column)} IS NOT NULL AND id > ${after} ${only} ORDER BY id LIMIT ${BATCH}`.execute(db);
    for (const row of rows) {
      let value: string | null;
      try {
        value = next(row.value);
      } catch (err) {
        report.failed.push({ table: `${table}.${column}`, id: row.id, reason: (err as Error).message });
        continue;
      }
      if (value === null) continue;
      const res = await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${value}
        WHERE id = ${row.id} AND ${sql.ref(column)} = ${row.value}`.execute(db);
      changed += Number(res.numAffectedRows ?? 0);
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]?.id ?? after;
  }
  report.changed[`${table}.${column}`] = changed;
}

/** One paragraph for the operator: what changed, and what could not be opened (by id). */
export function describeReport(title: string, r: AtRestReport): string {
  const parts = Object.entries(r.changed).map(([t, n]) => `${t}: ${n}`);
  let text = `${title}: ${parts.join(', ')}.\n`;
  if (r.failed.length > 0) {
    text += `${r.failed.length} could not be opened with the configured master keys (set the old key in PORTICO_FILE_MASTER_KEY_PREVIOUS and run again):\n`;
    for (const f of r.failed.slice(0, 20)) text += `  ${f.table} ${f.id}: ${f.reason}\n`;
  }
  return text;
}
