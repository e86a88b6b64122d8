import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { HoursKind } from '../../db/tables/registration.js';

/** SQL for weekly opening hours. */
export class HoursRepository {
  constructor(private readonly db: Kysely<Database>) {}

  forOrganization(organizationId: string, kind: HoursKind) {
    return this.db
      .selectFrom('service_hours')
      .select(['weekday', 'opens', 'closes'])
      .where('organization_id', '=', organizationId)
      .where('kind', '=', kind)
      .orderBy('weekday')
      .orderBy('opens')
      .execute();
  }

  /** Replaces one kind of hours for an organization (demo data and tests). */
  async replace(
    organizationId: string,
    kind: HoursKind,
    intervals: { weekday: number; opens: string; closes: string }[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('service_hours')
        .where('organization_id', '=', organizationId)
        .where('kind', '=', kind)
        .execute();
      if (intervals.length === 0) return;
      await trx
        .insertInto('service_hours')
        .values(intervals.map((i) => ({ organization_id: organizationId, kind, ...i })))
        .execute();
    });
  }
}
