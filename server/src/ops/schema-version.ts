import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The last migration applied to a database: what a backup of it is stamped with. */
export async function appliedSchema(db: Kysely<Database>): Promise<{ version: string; name: string }> {
  const row = await db
    .selectFrom('schema_migrations')
    .select(['version', 'name'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? { version: '0000', name: 'none' };
}
