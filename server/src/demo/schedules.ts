import { DateTime } from 'luxon';
import type { Transaction } from 'kysely';
import type { Database, VisitMode } from '../db/schema.js';
import { WEEK_PATTERNS } from './data.js';

interface SeededClinician {
  id: string;
  organization_id: string;
  visit_modes: VisitMode[];
}

/** Visit types and weekly hours for every demo clinician, and a few visits for the demo patient. */
export async function seedSchedules(
  trx: Transaction<Database>,
  clinicians: SeededClinician[],
  demoPatientId: string | null,
): Promise<void> {
  const visitTypes = clinicians.flatMap((c) => [
    {
      clinician_id: c.id,
      name: 'New patient video visit',
      mode: 'video' as const,
      duration_minutes: 60,
      buffer_minutes: 10,
      new_patient: true,
    },
    {
      clinician_id: c.id,
      name: 'Follow-up video visit',
      mode: 'video' as const,
      duration_minutes: 30,
      buffer_minutes: 0,
      new_patient: false,
    },
    ...(c.visit_modes.includes('phone')
      ? [
          {
            clinician_id: c.id,
            name: 'Phone visit',
            mode: 'phone' as const,
            duration_minutes: 20,
            buffer_minutes: 10,
            new_patient: false,
          },
        ]
      : []),
    ...(c.visit_modes.includes('in_person')
      ? [
          {
            clinician_id: c.id,
            name: 'Office visit',
            mode: 'in_person' as const,
            duration_minutes: 30,
            buffer_minutes: 0,
            new_patient: false,
          },
        ]
      : []),
  ]);
  const typeRows = await trx
    .insertInto('visit_types')
    .values(visitTypes)
    .returning(['id', 'clinician_id', 'name', 'duration_minutes'])
    .execute();
  await trx
    .insertInto('working_hours')
    .values(
      clinicians.flatMap((c, i) =>
        (WEEK_PATTERNS[i % WEEK_PATTERNS.length] ?? []).map(([weekday, start, end]) => ({
          clinician_id: c.id,
          weekday,
          start_time: start,
          end_time: end,
        })),
      ),
    )
    .execute();

  // The demo patient's own visits with the demo clinician (index 26): two past, one coming up.
  const clinician = clinicians[26];
  if (!demoPatientId || !clinician) return;
  const followUp = typeRows.find((t) => t.clinician_id === clinician.id && t.name === 'Follow-up video visit');
  if (!followUp) return;
  const zone = 'America/New_York';
  const at = (daysFromNow: number, hour: number): Date => {
    let d = DateTime.now()
      .setZone(zone)
      .plus({ days: daysFromNow })
      .set({ hour, minute: 0, second: 0, millisecond: 0 });
    while (d.weekday > 5) d = d.plus({ days: daysFromNow < 0 ? -1 : 1 });
    return d.toJSDate();
  };
  const visit = (start: Date, status: 'fulfilled' | 'booked') => ({
    organization_id: clinician.organization_id,
    clinician_id: clinician.id,
    patient_id: demoPatientId,
    visit_type_id: followUp.id,
    mode: 'video' as const,
    status,
    start_at: start,
    end_at: new Date(start.getTime() + followUp.duration_minutes * 60_000),
    busy_until: new Date(start.getTime() + followUp.duration_minutes * 60_000),
    reason: status === 'booked' ? 'Blood pressure follow-up' : 'Annual check-in',
  });
  await trx
    .insertInto('appointments')
    .values([visit(at(-200, 10), 'fulfilled'), visit(at(-30, 14), 'fulfilled'), visit(at(4, 10), 'booked')])
    .execute();
}
