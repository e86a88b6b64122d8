import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportedResults, ResultList, ResultReport, Trend } from '@portico/contracts';
import {
  createOrganization,
  createUser,
  createTestContext,
  signIn,
  type Agent,
  type TestContext,
  type TestUser,
} from './context.js';
import { badBundle, labBundle } from './results-fixtures.js';

let ctx: TestContext;
let clinician: Agent;
let staff: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  // This organization holds pathology a week and imaging three days; labs are released at once.
  await ctx.database.db
    .updateTable('organizations')
    .set({ settings: JSON.stringify({ resultRelease: { lab: 0, imaging: 3, pathology: 7 } }) })
    .where('id', '=', ctx.orgId)
    .execute();
  clinician = await signIn(ctx.app, (await createUser(ctx, 'clinician')).email);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx.close());

async function patient(): Promise<{ user: TestUser; id: string; agent: Agent }> {
  const user = await createUser(ctx, 'patient');
  return { user, id: user.patientId ?? '', agent: await signIn(ctx.app, user.email) };
}

const a1c = (value: number, effectiveAt: string, low = 4, high = 5.6) => ({
  category: 'lab' as const,
  code: '4548-4',
  name: 'Hemoglobin A1c',
  effectiveAt,
  observations: [{ code: '4548-4', name: 'Hemoglobin A1c', value, unit: '%', low, high }],
});

const biopsy = {
  category: 'pathology' as const,
  code: '60567-5',
  name: 'Skin biopsy',
  effectiveAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  conclusion: 'Seborrheic keratosis. No evidence of malignancy.',
};

async function enter(patientId: string, body: object): Promise<ResultReport> {
  const res = await clinician.inject('POST', `/api/patients/${patientId}/results`, { observations: [], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ResultReport>();
}

async function reportCount(patientId: string): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('diagnostic_reports')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  return rows.length;
}

describe('test results', () => {
  it('shows the patient released results only; a held one is a 404 until the clinician releases it', async () => {
    const p = await patient();
    const lab = await enter(p.id, a1c(7.2, '2026-06-01T13:00:00Z'));
    expect(lab).toMatchObject({ released: true, abnormalCount: 1, observations: [{ flag: 'H', value: 7.2 }] });
    const held = await enter(p.id, biopsy);
    expect(held.released).toBe(false);
    expect(Date.parse(held.releaseAt) - Date.parse(held.issuedAt)).toBe(7 * 86_400_000);

    const mine = (await p.agent.inject('GET', '/api/results')).json<ResultList>();
    expect(mine.results.map((r) => r.id)).toEqual([lab.id]);
    expect((await p.agent.inject('GET', `/api/results/${held.id}`)).statusCode).toBe(404);
    const careTeam = (await clinician.inject('GET', `/api/patients/${p.id}/results`)).json<ResultList>();
    expect(careTeam.results.map((r) => [r.id, r.released])).toEqual([
      [held.id, false],
      [lab.id, true],
    ]);

    expect((await p.agent.inject('POST', `/api/results/${held.id}/release`)).statusCode).toBe(403);
    const released = await clinician.inject('POST', `/api/results/${held.id}/release`);
    expect(released.json<ResultReport>().released).toBe(true);
    const seen = await p.agent.inject('GET', `/api/results/${held.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<ResultReport>()).toMatchObject({ conclusion: biopsy.conclusion, category: 'pathology' });

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('patient_id', '=', p.id)
      .where('action', 'in', ['result.list', 'result.read', 'result.release'])
      .execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(
      expect.arrayContaining(['result.list:allowed', 'result.read:allowed', 'result.release:allowed']),
    );
  });

  it("hides another patient's results (404, audited as denied) and keeps a proxy without the results area out", async () => {
    const owner = await patient();
    const report = await enter(owner.id, a1c(6.9, '2026-05-01T13:00:00Z'));
    const stranger = await patient();
    expect((await stranger.agent.inject('GET', `/api/results/${report.id}`)).statusCode).toBe(404);
    expect((await stranger.agent.inject('GET', '/api/results')).json<ResultList>().results).toEqual([]);
    expect((await stranger.agent.inject('GET', '/api/results/trends/4548-4')).statusCode).toBe(404);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'result.read')
      .where('entity_id', '=', report.id)
      .where('actor_user_id', '=', stranger.user.id)
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe('denied');

    // A clinician of another organization cannot see this patient's results either.
    const elsewhere = await createOrganization(ctx.database);
    const outsider = await signIn(ctx.app, (await createUser(ctx, 'clinician', { orgId: elsewhere })).email);
    expect((await outsider.inject('GET', `/api/results/${report.id}`)).statusCode).toBe(404);
    expect((await outsider.inject('GET', `/api/patients/${owner.id}/results`)).statusCode).toBe(404);
    const entry = await outsider.inject('POST', `/api/patients/${owner.id}/results`, a1c(5, '2026-05-01T13:00:00Z'));
    expect(entry.statusCode).toBe(404);

    const limited = await patient();
    const share = async (areas: string[], who: TestUser) =>
      owner.agent.inject('POST', '/api/proxies', { email: who.email, relationship: 'child', access: 'limited', areas });
    expect((await share(['appointments'], limited.user)).statusCode).toBe(201);
    await limited.agent.inject('PUT', '/api/records/current', { patientId: owner.id });
    const refused = await limited.agent.inject('GET', '/api/results');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
    expect((await limited.agent.inject('GET', `/api/results/${report.id}`)).statusCode).toBe(403);

    const allowed = await patient();
    await share(['results'], allowed.user);
    await allowed.agent.inject('PUT', '/api/records/current', { patientId: owner.id });
    const list = (await allowed.agent.inject('GET', '/api/results')).json<ResultList>();
    expect(list.results.map((r) => r.id)).toEqual([report.id]);
  });

  it('refuses a bad FHIR bundle whole, listing every problem with its path, and writes nothing', async () => {
    const p = await patient();
    const other = await patient();
    const res = await clinician.inject('POST', `/api/patients/${p.id}/results/fhir`, badBundle(p.id, other.id, 'bad'));
    expect(res.statusCode).toBe(422);
    const problem = res.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(problem.code).toBe('fhir_bundle_invalid');
    expect(problem.errors.map((e) => e.field).sort()).toEqual([
      'entry[0].resource.effectiveDateTime',
      'entry[1].resource.valueQuantity.unit',
      'entry[2].resource.result[2].reference',
      'entry[3].resource.subject.reference',
    ]);
    expect(problem.errors.find((e) => e.field.endsWith('valueQuantity.unit'))?.message).toMatch(/"furlongs"/);
    expect(await reportCount(p.id)).toBe(0);

    const notBundle = await clinician.inject('POST', `/api/patients/${p.id}/results/fhir`, {
      resourceType: 'Patient',
    });
    expect(notBundle.statusCode).toBe(422);
    expect(notBundle.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'resourceType',
      'type',
      'entry',
    ]);
    const audited = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'result.import')
      .where('patient_id', '=', p.id)
      .execute();
    expect(audited.map((a) => a.outcome)).toEqual(['failed', 'failed']);
  });

  it('imports a valid bundle (also as application/fhir+json) and refuses the same reports twice', async () => {
    const p = await patient();
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/patients/${p.id}/results/fhir`,
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(labBundle(p.id, 'good')),
    });
    expect(res.statusCode, res.body).toBe(201);
    const imported = res.json<ImportedResults>();
    expect(imported.results.map((r) => [r.name, r.observationCount, r.abnormalCount]).sort()).toEqual([
      ['Basic metabolic panel', 2, 1],
      ['Hemoglobin A1c', 1, 1],
    ]);
    const list = (await p.agent.inject('GET', '/api/results')).json<ResultList>();
    expect(list.results).toHaveLength(2);
    const bmp = imported.results.find((r) => r.code === '51990-0');
    const report = (await p.agent.inject('GET', `/api/results/${bmp?.id ?? ''}`)).json<ResultReport>();
    expect(report.observations.map((o) => [o.name, o.value, o.unit, o.low, o.high, o.flag])).toEqual([
      ['Glucose', 112, 'mg/dL', 70, 99, 'H'],
      ['Potassium', 4.2, 'mmol/L', 3.5, 5.3, 'N'],
    ]);

    const again = await clinician.inject('POST', `/api/patients/${p.id}/results/fhir`, labBundle(p.id, 'good'));
    expect(again.statusCode).toBe(422);
    expect(again.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'entry[0].resource.identifier',
      'entry[2].resource.identifier',
    ]);
    expect(await reportCount(p.id)).toBe(2);
  });

  it('gives a trend of one analyte in time order with its reference ranges', async () => {
    const p = await patient();
    await enter(p.id, a1c(7.1, '2025-09-01T13:00:00Z'));
    await enter(p.id, a1c(7.4, '2024-09-01T13:00:00Z', 4.2, 5.7));
    await enter(p.id, a1c(6.8, '2026-09-01T13:00:00Z'));
    await enter(p.id, biopsy);
    const res = await p.agent.inject('GET', '/api/results/trends/4548-4');
    expect(res.statusCode).toBe(200);
    const trend = res.json<Trend>();
    expect(trend).toMatchObject({ code: '4548-4', name: 'Hemoglobin A1c', unit: '%', otherUnits: 0 });
    expect(trend.points.map((pt) => [pt.effectiveAt.slice(0, 10), pt.value, pt.low, pt.high, pt.flag])).toEqual([
      ['2024-09-01', 7.4, 4.2, 5.7, 'H'],
      ['2025-09-01', 7.1, 4, 5.6, 'H'],
      ['2026-09-01', 6.8, 4, 5.6, 'H'],
    ]);
    const careTeam = await clinician.inject('GET', `/api/patients/${p.id}/results/trends/4548-4`);
    expect(careTeam.json<Trend>().points).toHaveLength(3);
    expect((await p.agent.inject('GET', '/api/results/trends/2345-7')).statusCode).toBe(404);
  });

  it('refuses an entered result with unknown units or no value, naming each field, and stores nothing', async () => {
    const p = await patient();
    const res = await clinician.inject('POST', `/api/patients/${p.id}/results`, {
      category: 'lab',
      code: '24323-8',
      name: 'Metabolic panel',
      effectiveAt: '2026-10-01T13:00:00Z',
      observations: [
        { code: '2345-7', name: 'Glucose', value: 101, unit: 'spoons' },
        { code: '2823-3', name: 'Potassium' },
        { code: '2951-2', name: 'Sodium', value: 140, unit: 'mmol/L', low: 146, high: 135 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'observations.0.unit',
      'observations.1.value',
      'observations.2.low',
    ]);
    expect(await reportCount(p.id)).toBe(0);
  });

  it('lets the clinician write a comment the patient reads; patients and staff cannot', async () => {
    const p = await patient();
    const report = await enter(p.id, a1c(6.8, '2026-10-01T13:00:00Z'));
    const text = 'Your A1c is the best in three years. Keep going.';
    const commented = await clinician.inject('PUT', `/api/results/${report.id}/comment`, { comment: text });
    expect(commented.statusCode).toBe(200);
    const seen = (await p.agent.inject('GET', `/api/results/${report.id}`)).json<ResultReport>();
    expect(seen.comment).toMatchObject({ text, author: 'Test clinician' });
    expect(seen.hasComment).toBe(true);
    expect((await p.agent.inject('PUT', `/api/results/${report.id}/comment`, { comment: 'x' })).statusCode).toBe(403);
    expect((await staff.inject('PUT', `/api/results/${report.id}/comment`, { comment: 'x' })).statusCode).toBe(403);
    const cleared = await clinician.inject('PUT', `/api/results/${report.id}/comment`, { comment: '  ' });
    expect(cleared.json<ResultReport>().comment).toBeNull();
  });

  it('lets an admin set how long each kind of result is held', async () => {
    const orgId = await createOrganization(ctx.database);
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin', { orgId })).email);
    const url = `/api/organizations/${orgId}/result-release`;
    expect((await admin.inject('GET', url)).json()).toEqual({ lab: 0, imaging: 0, pathology: 0 });
    const saved = await admin.inject('PUT', url, { lab: 0, imaging: 2, pathology: 5 });
    expect(saved.json()).toEqual({ lab: 0, imaging: 2, pathology: 5 });
    expect((await admin.inject('PUT', url, { lab: 0, imaging: 2, pathology: 45 })).statusCode).toBe(400);
    expect((await clinician.inject('GET', url)).statusCode).toBe(403);
  });
});
