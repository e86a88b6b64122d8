import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const DEMO_PATIENT = 'patient@example.org';
const DEMO_CLINICIAN = 'clinician@example.org';
const LEAD_MINUTES = 20;

/**
 * Keeps one video visit a few minutes ahead for the demo patient with the demo clinician, so
 * anyone trying Portico can check in, wait and meet by video right away. Runs at each demo
 * start; does nothing when the demo accounts are gone or such a visit is already coming up.
 * Returns the visit's start, or null when none was added.
 */
export async function ensureDemoVisit(db: Kysely<Database>, now = new Date()): Promise<Date | null> {
  const pair = await db
    .selectFrom('patients as p')
    .innerJoin('users as pu', 'pu.id', 'p.user_id')
    .innerJoin('clinicians as c', (j) => j.onTrue())
    .innerJoin('users as cu', 'cu.id', 'c.user_id')
    .innerJoin('visit_types as vt', (j) =>
      j.onRef('vt.clinician_id', '=', 'c.id').on('vt.mode', '=', 'video').on('vt.new_patient', '=', false),
    )
    .select([
      'p.id as patient_id',
      'c.id as clinician_id',
      'c.organization_id',
      'vt.id as type_id',
      'vt.duration_minutes',
    ])
    .where('pu.email', '=', DEMO_PATIENT)
    .where('cu.email', '=', DEMO_CLINICIAN)
    .executeTakeFirst();
  if (!pair) return null;

  const soon = await db
    .selectFrom('appointments')
    .select('id')
    .where('patient_id', '=', pair.patient_id)
    .where('clinician_id', '=', pair.clinician_id)
    .where('status', 'in', ['booked', 'arrived', 'checked-in'])
    .where('end_at', '>', now)
    .where('start_at', '<', new Date(now.getTime() + 2 * 3_600_000))
    .executeTakeFirst();
  if (soon) return null;

  const step = 5 * 60_000;
  const start = new Date(Math.ceil((now.getTime() + LEAD_MINUTES * 60_000) / step) * step);
  const end = new Date(start.getTime() + pair.duration_minutes * 60_000);
  try {
    await db
      .insertInto('appointments')
      .values({
        organization_id: pair.organization_id,
        clinician_id: pair.clinician_id,
        patient_id: pair.patient_id,
        visit_type_id: pair.type_id,
        mode: 'video',
        status: 'booked',
        start_at: start,
        end_at: end,
        busy_until: end,
        reason: 'Demo video visit: try check-in and the waiting room',
      })
      .execute();
  } catch {
    // Something else holds that time (the database refuses overlaps): no demo visit this start.
    return null;
  }
  return start;
}
