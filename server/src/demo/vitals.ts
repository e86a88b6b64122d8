import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, VitalSignsTable } from '../db/schema.js';

const DAY = 24 * 3_600_000;

/** A check-in `daysAgo` days back (about 09:40 in Boston). */
function checkInAt(now: Date, daysAgo: number): Date {
  const d = new Date(now.getTime() - daysAgo * DAY);
  d.setUTCHours(14, 40, 0, 0);
  return d;
}

interface Series {
  daysAgo: number[];
  systolic: number[];
  diastolic: number[];
  pulse: number[];
  weightKg: number[];
  heightCm: number;
  temperature: number[];
  spo2: number[];
  respiration: number[];
}

/** Eleanor's quarterly check-ins over three years: weight and blood pressure come down with her plan. */
const ELEANOR: Series = {
  daysAgo: Array.from({ length: 12 }, (_, q) => (11 - q) * 91 + 12),
  systolic: [148, 146, 144, 141, 139, 138, 135, 134, 131, 130, 128, 127],
  diastolic: [92, 91, 90, 88, 87, 86, 84, 84, 82, 81, 80, 79],
  pulse: [82, 80, 81, 78, 77, 79, 76, 75, 74, 76, 73, 72],
  weightKg: [86.2, 85.7, 85.1, 84.3, 83.8, 83.0, 82.4, 81.9, 81.1, 80.6, 79.8, 79.3],
  heightCm: 163,
  temperature: [36.8, 36.7, 36.9, 36.6, 36.8, 36.7, 36.8, 36.9, 36.6, 36.7, 36.8, 36.7],
  spo2: [97, 98, 97, 97, 98, 98, 97, 98, 98, 97, 98, 98],
  respiration: [16, 16, 15, 16, 16, 15, 16, 15, 16, 16, 15, 16],
};

const ROSA: Series = {
  daysAgo: [380, 260, 140, 20],
  systolic: [136, 133, 131, 129],
  diastolic: [86, 85, 83, 82],
  pulse: [78, 77, 75, 74],
  weightKg: [74.5, 73.9, 73.2, 72.8],
  heightCm: 158,
  temperature: [36.7, 36.8, 36.6, 36.7],
  spo2: [98, 98, 97, 98],
  respiration: [16, 15, 16, 16],
};

/** On chemotherapy: a little weight lost between cycles, a fever once. */
const JAMES: Series = {
  daysAgo: [68, 47, 26, 5],
  systolic: [124, 118, 116, 121],
  diastolic: [78, 74, 72, 76],
  pulse: [72, 88, 84, 76],
  weightKg: [78.4, 76.9, 75.8, 76.3],
  heightCm: 180,
  temperature: [36.8, 38.2, 37.1, 36.9],
  spo2: [98, 96, 97, 98],
  respiration: [14, 18, 16, 15],
};

const round1 = (n: number) => Math.round(n * 10) / 10;

function rows(series: Series, who: { patientId: string; organizationId: string }, now: Date) {
  const out: Insertable<VitalSignsTable>[] = [];
  const base = { patient_id: who.patientId, organization_id: who.organizationId, source: 'demo' as const };
  series.daysAgo.forEach((daysAgo, i) => {
    const at = checkInAt(now, daysAgo);
    const weight = series.weightKg[i] ?? 0;
    const m = series.heightCm / 100;
    const add = (kind: VitalSignsTable['kind'], value: number, value2: number | null = null) =>
      out.push({ ...base, kind, value, value2, effective_at: at, created_at: at });
    add('blood-pressure', series.systolic[i] ?? 0, series.diastolic[i] ?? 0);
    add('heart-rate', series.pulse[i] ?? 0);
    add('respiratory-rate', series.respiration[i] ?? 0);
    add('body-temperature', series.temperature[i] ?? 0);
    add('oxygen-saturation', series.spo2[i] ?? 0);
    add('body-weight', weight);
    if (i === 0) add('body-height', series.heightCm);
    add('bmi', round1(weight / (m * m)));
  });
  return out;
}

const PEOPLE: Record<string, Series> = {
  'Eleanor Whitfield': ELEANOR,
  'Rosa Delgado': ROSA,
  'James Okonkwo': JAMES,
};

/**
 * Vital signs from check-ins for the demo patients Eleanor Whitfield, Rosa Delgado and James
 * Okonkwo. Does nothing for a patient who already has vital signs, so it is safe at every start
 * (demo databases made before vital signs existed get them too).
 */
export async function ensureDemoVitals(db: Kysely<Database>, now = new Date()): Promise<number> {
  const people = await db
    .selectFrom('patients as p')
    .select(['p.id', 'p.organization_id', sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('name')])
    .where(
      sql<boolean>`concat_ws(' ', p.given_name, p.family_name) in ('Eleanor Whitfield', 'Rosa Delgado', 'James Okonkwo')`,
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('vital_signs as v').select('v.id').whereRef('v.patient_id', '=', 'p.id'))),
    )
    .execute();
  let added = 0;
  for (const p of people) {
    const series = PEOPLE[p.name];
    if (!series) continue;
    const values = rows(series, { patientId: p.id, organizationId: p.organization_id }, now);
    await db.insertInto('vital_signs').values(values).execute();
    added += values.length;
  }
  return added;
}
