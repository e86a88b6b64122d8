import { sql, type Kysely } from 'kysely';
import type { ResultCategory, ResultReleaseSettings } from '@portico/contracts';
import type { Database } from '../db/schema.js';
import { interpret, storeReports, type NewReportData } from '../modules/results/index.js';
import { A1C, CBC, CHEST_XRAY, CMP, ELEANOR, LIPIDS, SKIN_BIOPSY, steadyCmp, type Panel } from './results-panels.js';

const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;

/** Harbor General holds imaging 3 days and pathology 7 days for the clinician to call first. */
export const DEMO_RELEASE: Record<string, ResultReleaseSettings> = {
  'harbor-general': { lab: 0, imaging: 3, pathology: 7 },
  'harbor-cancer': { lab: 0, imaging: 0, pathology: 0 },
};

interface Person {
  patientId: string;
  organizationId: string;
  clinicianId: string | null;
  authorUserId: string | null;
  rules: ResultReleaseSettings;
}

/** A morning blood draw `daysAgo` days back (08:15 in Boston). */
function drawnAt(now: Date, daysAgo: number): Date {
  const d = new Date(now.getTime() - daysAgo * DAY);
  d.setUTCHours(13, 15, 0, 0);
  return d;
}

function panelReport(panel: Panel, values: readonly number[], at: Date, comment: string | null = null): NewReportData {
  return {
    code: panel.code,
    name: panel.name,
    category: 'lab',
    status: 'final',
    effectiveAt: at,
    issuedAt: new Date(at.getTime() + 6 * HOUR),
    conclusion: null,
    comment,
    externalId: null,
    observations: panel.analytes.map((a, i) => {
      const value = values[i] ?? 0;
      return {
        code: a.code,
        name: a.name,
        value,
        valueText: null,
        dataAbsentReason: null,
        unit: a.unit,
        low: a.low,
        high: a.high,
        rangeText: a.rangeText ?? null,
        flag: interpret(value, a.low, a.high, null),
        effectiveAt: at,
      };
    }),
  };
}

function textReport(
  what: { code: string; name: string; conclusion: string },
  category: ResultCategory,
  at: Date,
  issuedAfterDays: number,
  comment: string | null = null,
): NewReportData {
  return {
    code: what.code,
    name: what.name,
    category,
    status: 'final',
    effectiveAt: at,
    issuedAt: new Date(at.getTime() + issuedAfterDays * DAY),
    conclusion: what.conclusion,
    comment,
    externalId: null,
    observations: [],
  };
}

async function store(db: Kysely<Database>, who: Person, reports: NewReportData[]): Promise<void> {
  await storeReports(db, reports, {
    organizationId: who.organizationId,
    patientId: who.patientId,
    rules: who.rules,
    source: 'demo',
    createdBy: who.authorUserId,
    orderingClinicianId: who.clinicianId,
  });
}

function rosaCmp(): number[] {
  const [bun = 0, ...rest] = steadyCmp(2);
  return [131, bun, 0.88, ...rest];
}

/** Eleanor Whitfield: three years of quarterly labs, a chest X-ray, and a biopsy still held. */
function eleanorReports(now: Date): NewReportData[] {
  const quarter = (q: number) => drawnAt(now, (11 - q) * 91 + 12);
  const reports: NewReportData[] = [];
  for (let q = 0; q < 12; q++) {
    const [bun = 0, ...rest] = steadyCmp(q);
    reports.push(panelReport(CMP, [ELEANOR.glucose[q] ?? 0, bun, ELEANOR.creatinine[q] ?? 0, ...rest], quarter(q)));
  }
  ELEANOR.a1cQuarters.forEach((q, i) => {
    const last = i === ELEANOR.a1cQuarters.length - 1;
    const note = last
      ? 'Your A1c is 6.8%, your best in three years. Keep up the walks and the meal plan; we will check again in three months.'
      : null;
    reports.push(panelReport(A1C, [ELEANOR.a1c[i] ?? 0], quarter(q), note));
  });
  ELEANOR.lipids.forEach((values, i) => {
    const last = i === ELEANOR.lipids.length - 1;
    const note = last
      ? 'Your LDL ("bad") cholesterol is coming down but is still above our goal of 100. Let us talk about your atorvastatin dose at your next visit.'
      : null;
    reports.push(panelReport(LIPIDS, values, quarter(i * 2 + 1), note));
  });
  reports.push(panelReport(CBC, ELEANOR.cbc, quarter(6)));
  reports.push(textReport(CHEST_XRAY, 'imaging', quarter(3), 1, CHEST_XRAY.comment));
  reports.push(textReport(SKIN_BIOPSY, 'pathology', drawnAt(now, 4), 3));
  return reports;
}

/**
 * Demo results for Eleanor Whitfield (patient@example.org) and two other patients, plus each
 * organization's release rule. Called from the demo seed inside its transaction.
 */
export async function seedResults(trx: Kysely<Database>, now = new Date()): Promise<void> {
  const orgs = await trx.selectFrom('organizations').select(['id', 'slug']).execute();
  for (const o of orgs) {
    const rule = DEMO_RELEASE[o.slug];
    if (!rule) continue;
    await trx
      .updateTable('organizations')
      .set({ settings: sql`settings || ${JSON.stringify({ resultRelease: rule })}::jsonb` })
      .where('id', '=', o.id)
      .execute();
  }
  const people = await trx
    .selectFrom('patients as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.organization_id', 'o.slug'])
    .where(
      sql<boolean>`concat_ws(' ', p.given_name, p.family_name) in ('Eleanor Whitfield', 'Rosa Delgado', 'James Okonkwo')`,
    )
    .execute();
  const raman = await trx
    .selectFrom('clinicians as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'u.id as user_id'])
    .where('u.email', '=', 'clinician@example.org')
    .executeTakeFirst();
  for (const p of people) {
    const oncologist =
      p.slug === 'harbor-cancer'
        ? await trx
            .selectFrom('clinicians')
            .select('id')
            .where('organization_id', '=', p.organization_id)
            .where('specialty', '=', 'Medical Oncology')
            .executeTakeFirst()
        : undefined;
    const who: Person = {
      patientId: p.id,
      organizationId: p.organization_id,
      clinicianId: oncologist?.id ?? raman?.id ?? null,
      authorUserId: oncologist ? null : (raman?.user_id ?? null),
      rules: DEMO_RELEASE[p.slug] ?? { lab: 0, imaging: 0, pathology: 0 },
    };
    if (p.given_name === 'Eleanor') await store(trx, who, eleanorReports(now));
    if (p.given_name === 'Rosa') {
      await store(trx, who, [
        ...[8.1, 7.9, 7.6, 7.7].map((v, i) => panelReport(A1C, [v], drawnAt(now, (3 - i) * 120 + 20))),
        panelReport(CMP, rosaCmp(), drawnAt(now, 140)),
      ]);
    }
    if (p.given_name === 'James') {
      // On chemotherapy: white cells dip after each cycle and recover.
      const counts = [
        [6.1, 4.6, 13.9, 41.2, 88, 251],
        [3.2, 4.1, 12.4, 37.5, 90, 168],
        [2.6, 3.9, 11.6, 35.1, 91, 142],
        [4.4, 4.0, 12.1, 36.3, 90, 201],
      ];
      await store(
        trx,
        who,
        counts.map((values, i) => panelReport(CBC, values, drawnAt(now, (3 - i) * 21 + 5))),
      );
    }
  }
}
