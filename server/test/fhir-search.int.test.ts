import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type Agent, type TestContext, type TestUser } from './context.js';
import { fhirErrors } from './fhir-validator.js';

// Searches the database answers (Observation, DiagnosticReport): paging far past the first page,
// date prefixes, counts, includes, vital signs, for a patient with hundreds of observations.

interface Bundle {
  total?: number;
  link: { relation: string; url: string }[];
  entry: { resource: Record<string, unknown> & { resourceType: string; id: string }; search: { mode: string } }[];
}

const DAY = 86_400_000;
const REPORTS = 40;
const PER_REPORT = 5;
const VITAL_VISITS = 12;
// Report i was drawn i days before this moment; the last report is still held (not released).
const BASE = Date.UTC(2026, 10, 30, 13, 15);
const drawn = (i: number) => new Date(BASE - i * DAY);

let ctx: TestContext;
let many: TestUser;
let other: TestUser;
let agent: Agent;
let otherAgent: Agent;

async function seedRecord(patientId: string, reports: number): Promise<void> {
  const db = ctx.database.db;
  for (let i = 0; i < reports; i++) {
    const at = drawn(i);
    const report = await db
      .insertInto('diagnostic_reports')
      .values({
        organization_id: ctx.orgId,
        patient_id: patientId,
        code: i % 2 === 0 ? '24323-8' : 'LOCALPANEL',
        name: i % 2 === 0 ? 'Comprehensive metabolic panel' : 'House panel',
        category: 'lab',
        status: i % 10 === 3 ? 'preliminary' : 'final',
        effective_at: at,
        issued_at: new Date(at.getTime() + 6 * 3_600_000),
        released_at: new Date(at.getTime() + 6 * 3_600_000),
        source: 'entered',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('observations')
      .values(
        Array.from({ length: PER_REPORT }, (_, p) => ({
          report_id: report.id,
          patient_id: patientId,
          position: p,
          code: ['2345-7', '2160-0', '2951-2', '2823-3', 'LOCAL1'][p] ?? 'LOCAL1',
          name: `Analyte ${p}`,
          value_numeric: 100 + i + p,
          unit: 'mg/dL',
          effective_at: at,
        })),
      )
      .execute();
  }
  // A result still on hold: never in any answer.
  const held = await db
    .insertInto('diagnostic_reports')
    .values({
      organization_id: ctx.orgId,
      patient_id: patientId,
      code: '24323-8',
      name: 'Held panel',
      category: 'lab',
      status: 'final',
      effective_at: new Date(BASE + DAY),
      issued_at: new Date(BASE + DAY),
      released_at: new Date(Date.now() + 30 * DAY),
      source: 'entered',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('observations')
    .values({
      report_id: held.id,
      patient_id: patientId,
      position: 0,
      code: '2345-7',
      name: 'Glucose',
      value_numeric: 99,
      unit: 'mg/dL',
      effective_at: new Date(BASE + DAY),
    })
    .execute();
  for (let v = 0; v < VITAL_VISITS; v++) {
    const at = new Date(drawn(v * 3).getTime() + 3_600_000);
    await db
      .insertInto('vital_signs')
      .values([
        {
          organization_id: ctx.orgId,
          patient_id: patientId,
          kind: 'blood-pressure',
          value: 130 - v,
          value2: 80,
          effective_at: at,
          source: 'check-in',
        },
        {
          organization_id: ctx.orgId,
          patient_id: patientId,
          kind: 'oxygen-saturation',
          value: 97,
          effective_at: at,
          source: 'check-in',
        },
      ])
      .execute();
  }
}

const get = async (a: Agent, url: string): Promise<Bundle> => {
  const res = await a.inject('GET', url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json<Bundle>();
};
const ids = (b: Bundle) => b.entry.filter((e) => e.search.mode === 'match').map((e) => e.resource.id);
const relative = (url: string) => url.replace('https://portal.example.test', '');

/** Every match of a search, following Bundle.link next. */
async function everyPage(a: Agent, url: string): Promise<{ pages: Bundle[]; ids: string[] }> {
  const pages: Bundle[] = [];
  let next: string | undefined = url;
  while (next) {
    const page = await get(a, next);
    pages.push(page);
    const link = page.link.find((l) => l.relation === 'next')?.url;
    next = link ? relative(link) : undefined;
    if (pages.length > 100) throw new Error('too many pages');
  }
  return { pages, ids: pages.flatMap(ids) };
}

beforeAll(async () => {
  ctx = await createTestContext({ PORTICO_PUBLIC_URL: 'https://portal.example.test' });
  many = await createUser(ctx, 'patient');
  other = await createUser(ctx, 'patient');
  await seedRecord(many.patientId ?? '', REPORTS);
  await seedRecord(other.patientId ?? '', 3);
  agent = await signIn(ctx.app, many.email);
  otherAgent = await signIn(ctx.app, other.email);
}, 180_000);

afterAll(async () => {
  await ctx?.close();
});

describe('a patient with hundreds of observations', () => {
  it('pages past the first page to every released lab result exactly once, newest first', async () => {
    const { pages, ids: all } = await everyPage(agent, '/fhir/R4/Observation?category=laboratory&_count=30');
    expect(all).toHaveLength(REPORTS * PER_REPORT);
    expect(new Set(all).size).toBe(all.length);
    expect(pages.length).toBe(Math.ceil((REPORTS * PER_REPORT) / 30));
    // Not counted while more pages follow (unless asked); the last page knows the end.
    expect(pages[0]?.total).toBeUndefined();
    expect(pages.at(-1)?.total).toBe(REPORTS * PER_REPORT);
    const times = pages.flatMap((p) => p.entry.map((e) => Date.parse(String(e.resource['effectiveDateTime']))));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times[0]).toBe(drawn(0).getTime());
    // A previous link goes back.
    const second = pages[1];
    const previous = second?.link.find((l) => l.relation === 'previous')?.url ?? '';
    expect(ids(await get(agent, relative(previous)))).toEqual(ids(pages[0] as Bundle));
  });

  it('counts every match when asked with _total=accurate, and only counts with _count=0', async () => {
    const counted = await get(agent, '/fhir/R4/Observation?category=laboratory&_count=10&_total=accurate');
    expect(counted.total).toBe(REPORTS * PER_REPORT);
    expect(counted.entry).toHaveLength(10);
    const onlyTotal = await get(agent, '/fhir/R4/Observation?category=vital-signs&_count=0');
    expect(onlyTotal.total).toBe(VITAL_VISITS * 2);
    expect(onlyTotal.entry ?? []).toHaveLength(0);
    expect((await get(agent, '/fhir/R4/Observation?_count=5&_total=none')).total).toBeUndefined();
    expect((await agent.inject('GET', '/fhir/R4/Observation?_total=sometimes')).statusCode).toBe(400);
  });

  it('honours date prefixes, repeated dates (AND) and comma lists (OR)', async () => {
    const day = (i: number) => drawn(i).toISOString().slice(0, 10);
    const count = async (q: string) =>
      (await get(agent, `/fhir/R4/Observation?category=laboratory&_count=500&${q}`)).entry.length;
    // Report i is on day(i); each has PER_REPORT observations.
    expect(await count(`date=${day(5)}`)).toBe(PER_REPORT);
    expect(await count(`date=eq${day(5)}`)).toBe(PER_REPORT);
    expect(await count(`date=ne${day(5)}`)).toBe((REPORTS - 1) * PER_REPORT);
    expect(await count(`date=ge${day(5)}`)).toBe(6 * PER_REPORT);
    expect(await count(`date=gt${day(5)}`)).toBe(5 * PER_REPORT);
    expect(await count(`date=le${day(5)}`)).toBe((REPORTS - 5) * PER_REPORT);
    expect(await count(`date=lt${day(5)}`)).toBe((REPORTS - 6) * PER_REPORT);
    expect(await count(`date=ge${day(9)}&date=lt${day(4)}`)).toBe(5 * PER_REPORT);
    expect(await count(`date=${day(1)},${day(7)},${day(30)}`)).toBe(3 * PER_REPORT);
    // A precise instant: the second it names.
    expect(await count(`date=eq${drawn(2).toISOString().replace('.000Z', 'Z')}`)).toBe(PER_REPORT);
    // A month: every report drawn in it.
    const month = day(0).slice(0, 7);
    const inMonth = Array.from({ length: REPORTS }, (_, i) => day(i)).filter((d) => d.startsWith(month)).length;
    expect(await count(`date=${month}`)).toBe(inMonth * PER_REPORT);
    expect(await count(`_lastUpdated=gt${day(3)}`)).toBe(3 * PER_REPORT);
  });

  it('filters by code (system|code, a code system, OR lists) and status', async () => {
    const n = async (q: string) => (await get(agent, `/fhir/R4/Observation?_count=500&${q}`)).entry.length;
    expect(await n('code=http://loinc.org|2345-7')).toBe(REPORTS);
    expect(await n('code=2345-7,2160-0')).toBe(2 * REPORTS);
    expect(await n('code=urn:portico:local-code|LOCAL1')).toBe(REPORTS);
    expect(await n('code=http://loinc.org|LOCAL1')).toBe(0);
    expect(await n('category=laboratory&code=http://loinc.org|')).toBe(4 * REPORTS);
    expect(await n('code=http://loinc.org|85354-9')).toBe(VITAL_VISITS);
    expect(await n('code=2708-6')).toBe(VITAL_VISITS);
    expect(await n('category=laboratory&status=preliminary')).toBe((REPORTS / 10) * PER_REPORT);
    expect(await n('category=laboratory&status=final,preliminary')).toBe(REPORTS * PER_REPORT);
    expect(await n('category=laboratory,vital-signs')).toBe(REPORTS * PER_REPORT + 2 * VITAL_VISITS);
    expect(await n('category=laboratory&category=vital-signs')).toBe(0);
  });

  it('gives the same answers as the in-memory evaluation (forced by a modifier)', async () => {
    for (const q of [
      'date=ge2026-11-10&date=le2026-11-25',
      'code=2345-7,85354-9',
      'status=final',
      '_lastUpdated=lt2026-11-20',
      '',
    ]) {
      const sql = (await everyPage(agent, `/fhir/R4/Observation?_count=37&${q}`)).ids;
      const memory = (await everyPage(agent, `/fhir/R4/Observation?_count=37&${q}&subject:missing=false`)).ids;
      expect(sql.length, q).toBeGreaterThan(0);
      expect(sql, q).toEqual(memory);
    }
    const sqlReports = (await everyPage(agent, '/fhir/R4/DiagnosticReport?_count=7&code=24323-8')).ids;
    const memReports = (await everyPage(agent, '/fhir/R4/DiagnosticReport?_count=7&code=24323-8&code:missing=false'))
      .ids;
    expect(sqlReports).toHaveLength(REPORTS / 2);
    expect(sqlReports).toEqual(memReports);
  });

  it('includes each page’s results in one go, and never another patient’s', async () => {
    const page = await get(
      agent,
      '/fhir/R4/DiagnosticReport?_count=4&_include=DiagnosticReport:result&_revinclude=Provenance:target',
    );
    const included = page.entry.filter((e) => e.search.mode === 'include');
    expect(ids(page)).toHaveLength(4);
    expect(included.filter((e) => e.resource.resourceType === 'Observation')).toHaveLength(4 * PER_REPORT);
    expect(included.filter((e) => e.resource.resourceType === 'Provenance')).toHaveLength(4);
    expect(fhirErrors(page)).toEqual([]);
    const mine = ids(await get(agent, '/fhir/R4/Observation?_count=1'))[0] ?? '';
    expect((await otherAgent.inject('GET', `/fhir/R4/Observation/${mine}`)).statusCode).toBe(404);
    expect(ids(await get(otherAgent, `/fhir/R4/Observation?_id=${mine}`))).toEqual([]);
    expect(ids(await get(agent, `/fhir/R4/Observation?_id=${mine}`))).toEqual([mine]);
    expect((await get(agent, `/fhir/R4/Observation?patient=${other.patientId}`)).total).toBe(0);
  });
});

describe('vital signs', () => {
  it('are US Core vital-signs Observations (LOINC, UCUM, blood pressure components) that validate', async () => {
    const vitals = await get(agent, '/fhir/R4/Observation?category=vital-signs&_count=500');
    expect(vitals.entry).toHaveLength(2 * VITAL_VISITS);
    expect(fhirErrors(vitals)).toEqual([]);
    const bp = vitals.entry.find((e) =>
      (e.resource['meta'] as { profile: string[] }).profile[0]?.endsWith('us-core-blood-pressure'),
    );
    expect(bp?.resource).toMatchObject({
      status: 'final',
      category: [{ coding: [{ code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      component: [
        {
          code: { coding: [{ code: '8480-6' }] },
          valueQuantity: { value: 130, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
        { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 80, code: 'mm[Hg]' } },
      ],
    });
    const spo2 = vitals.entry.find((e) => e.resource['valueQuantity'] !== undefined)?.resource;
    expect(spo2).toMatchObject({ valueQuantity: { value: 97, code: '%' } });
    const read = await agent.inject('GET', `/fhir/R4/Observation/${bp?.resource.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(bp?.resource);
  });
});
