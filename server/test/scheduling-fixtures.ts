import { DateTime } from 'luxon';
import { initialsAvatar } from '../src/lib/avatar.js';
import { createPatient, uniq, type TestContext } from './context.js';

export const ZONE = 'America/New_York';

export interface TestClinician {
  id: string;
  followUpId: string;
  newPatientId: string;
  phoneId: string;
}

/** A clinician who works every day 08:00–20:00 clinic time, so tests do not depend on the weekday they run. */
export async function createClinician(
  ctx: TestContext,
  opts: { orgId?: string; selfScheduling?: boolean; languages?: string[]; specialty?: string } = {},
): Promise<TestClinician> {
  const db = ctx.database.db;
  await db
    .insertInto('service_lines')
    .values({ code: 'cardiac', name: 'Cardiac' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const family = uniq('Heart');
  const c = await db
    .insertInto('clinicians')
    .values({
      organization_id: opts.orgId ?? ctx.orgId,
      given_name: 'Ana',
      family_name: family,
      specialty: opts.specialty ?? 'Cardiology',
      service_line_code: 'cardiac',
      languages: opts.languages ?? ['en', 'es'],
      licensed_states: ['MA'],
      photo_svg: initialsAvatar('Ana', family),
      self_scheduling: opts.selfScheduling ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const types = await db
    .insertInto('visit_types')
    .values([
      { clinician_id: c.id, name: 'Follow-up video visit', mode: 'video', duration_minutes: 30, buffer_minutes: 0 },
      {
        clinician_id: c.id,
        name: 'New patient video visit',
        mode: 'video',
        duration_minutes: 60,
        buffer_minutes: 10,
        new_patient: true,
      },
      { clinician_id: c.id, name: 'Phone visit', mode: 'phone', duration_minutes: 20, buffer_minutes: 10 },
    ])
    .returning(['id', 'name'])
    .execute();
  await db
    .insertInto('working_hours')
    .values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ clinician_id: c.id, weekday, start_time: '08:00', end_time: '20:00' })),
    )
    .execute();
  const id = (name: string): string => types.find((t) => t.name === name)?.id ?? '';
  return {
    id: c.id,
    followUpId: id('Follow-up video visit'),
    newPatientId: id('New patient video visit'),
    phoneId: id('Phone visit'),
  };
}

/** A clinic-time instant `days` from today at `hh:mm` (New York). */
export function clinicTime(days: number, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return (
    DateTime.now()
      .setZone(ZONE)
      .plus({ days })
      .set({ hour: h, minute: m, second: 0, millisecond: 0 })
      .toUTC()
      .toISO() ?? ''
  );
}

export async function countAppointments(ctx: TestContext, clinicianId: string): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('appointments')
    .select('id')
    .where('clinician_id', '=', clinicianId)
    .execute();
  return rows.length;
}

export { createPatient };
