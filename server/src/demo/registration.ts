import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { HoursKind } from '../db/tables/registration.js';

const WEEKDAYS = [1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' }));
const FRIDAY = { weekday: 5, opens: '08:00', closes: '17:00' };

/** Registration center and tech-help hours of the demo organizations (their own time zone). */
const DEMO_HOURS: Record<string, Record<HoursKind, { weekday: number; opens: string; closes: string }[]>> = {
  'harbor-general': {
    registration: [...WEEKDAYS, FRIDAY],
    tech_help: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:00', closes: '19:00' })),
  },
  'harbor-cancer': {
    registration: [...WEEKDAYS, FRIDAY],
    tech_help: [...WEEKDAYS, FRIDAY],
  },
};

/** Adds the demo hours once; an organization that already has hours of a kind is left alone. */
export async function ensureDemoHours(db: Kysely<Database>): Promise<void> {
  const orgs = await db.selectFrom('organizations').select(['id', 'slug']).execute();
  for (const org of orgs) {
    const hours = DEMO_HOURS[org.slug];
    if (!hours) continue;
    for (const kind of ['registration', 'tech_help'] as const) {
      const existing = await db
        .selectFrom('service_hours')
        .select('id')
        .where('organization_id', '=', org.id)
        .where('kind', '=', kind)
        .executeTakeFirst();
      if (existing) continue;
      await db
        .insertInto('service_hours')
        .values(hours[kind].map((h) => ({ organization_id: org.id, kind, ...h })))
        .execute();
    }
  }
}
