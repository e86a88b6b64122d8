import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  tech_help_phone: string;
  tech_help_email: string;
  billing_phone: string;
}

const COLUMNS = ['id', 'slug', 'name', 'time_zone', 'tech_help_phone', 'tech_help_email', 'billing_phone'] as const;

export class OrganizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<OrganizationRow[]> {
    return this.db.selectFrom('organizations').select(COLUMNS).orderBy('name').execute();
  }

  get(id: string): Promise<OrganizationRow | undefined> {
    return this.db.selectFrom('organizations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
