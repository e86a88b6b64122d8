import type { ColumnType } from 'kysely';

/**
 * Column types shared by schema.ts and tables/*.ts. Kept apart so the table files never import
 * schema.ts, which imports them (no import cycle in db/).
 */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json = ColumnType<Record<string, unknown>, string | undefined, string>;
