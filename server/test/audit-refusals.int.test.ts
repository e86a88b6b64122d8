import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, createTestContext, signIn, type TestContext } from './context.js';
import { clinicTime, createClinician, type TestClinician } from './scheduling-fixtures.js';
import { signedInPatient } from './profile-fixtures.js';
import { NOT_PHI_ROUTES } from '../src/plugins/audit-refusals.js';

let ctx: TestContext;
let clinician: TestClinician;
beforeAll(async () => {
  ctx = await createTestContext();
  clinician = await createClinician(ctx);
});
afterAll(async () => ctx?.close());

async function refusals(requestId: string) {
  return ctx.database.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'actor_user_id', 'ip', 'detail', 'seq'])
    .where('request_id', '=', requestId)
    .where('action', '=', 'http.refused')
    .execute();
}

describe('refusals of PHI routes are audited', () => {
  it('401 without a session, 403 for the wrong role, 404 for another organization’s patient', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/profile/coverages?name=Eleanor' });
    expect(anonymous.statusCode).toBe(401);
    const [r401] = await refusals(anonymous.json<{ requestId: string }>().requestId);
    expect(r401).toMatchObject({ outcome: 'denied', actor_user_id: null, detail: { status: 401, method: 'GET' } });
    expect(r401?.seq).not.toBeNull();
    // The query string (which could carry a name) is never kept.
    expect(JSON.stringify(r401?.detail)).not.toContain('Eleanor');

    const patient = await signedInPatient(ctx);
    const forbidden = await patient.agent.inject('POST', `/api/patients/${patient.id}/coverages/swap`);
    expect(forbidden.statusCode).toBe(403);
    const [r403] = await refusals(forbidden.json<{ requestId: string }>().requestId);
    expect(r403).toMatchObject({
      actor_user_id: patient.user.id,
      detail: { status: 403, route: '/api/patients/:id/coverages/swap' },
    });

    const otherOrg = await createOrganization(ctx.database);
    const outsider = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
    const missing = await outsider.inject('GET', `/api/patients/${patient.id}/coverages`);
    expect(missing.statusCode).toBe(404);
    const [r404] = await refusals(missing.json<{ requestId: string }>().requestId);
    expect(r404).toMatchObject({ outcome: 'denied', detail: { status: 404 } });
  });

  it.each([
    ['GET', '/api/refill-queue', '/api/refill-queue'],
    ['POST', `/api/refill-requests/${randomUUID()}/cancel`, '/api/refill-requests/:id/cancel'],
    ['GET', `/api/registrations/${randomUUID()}`, '/api/registrations/:id'],
    ['GET', '/api/me/record-access', '/api/me/record-access'],
    ['GET', '/api/admin/audit?patient=Eleanor', '/api/admin/audit'],
    ['GET', '/api/support-requests', '/api/support-requests'],
  ] as const)('an anonymous %s %s is refused and audited', async (method, url, route) => {
    const res = await ctx.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
    expect(res.statusCode).toBe(401);
    const rows = await refusals(res.json<{ requestId: string }>().requestId);
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'denied', actor_user_id: null, detail: { method, route, status: 401 } }),
    ]);
  });

  it('every route is classified: audited, or on the short list of routes without patient data', async () => {
    const routes = ctx.app.refusalAuditRoutes();
    // The route table as Fastify built it: every module's routes are there.
    expect(routes.some((r) => r.url === '/api/refill-queue' && r.audited)).toBe(true);
    const api = routes.filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/fhir/'));
    expect(api.length).toBeGreaterThan(200);
    for (const r of api) {
      const listed = NOT_PHI_ROUTES.some((re) => re.test(r.url));
      expect(r.audited, `${r.method} ${r.url}`).toBe(!listed);
    }
    // Each entry of the list names routes that exist (a stale entry hides nothing, but misleads).
    for (const re of NOT_PHI_ROUTES)
      expect(
        api.some((r) => re.test(r.url)),
        String(re),
      ).toBe(true);
    // Routes outside /api and /fhir (health, metrics, the web app's files) are never audited.
    const outside = routes.filter((r) => !r.url.startsWith('/api/') && !r.url.startsWith('/fhir/'));
    expect(outside.map((r) => r.url)).toEqual(expect.arrayContaining(['/readyz', '/metrics']));
    expect(outside.every((r) => !r.audited)).toBe(true);
    // The record's families are all audited.
    for (const prefix of [
      '/api/patients',
      '/api/medications',
      '/api/refill-requests',
      '/api/registrations',
      '/api/admin',
      '/api/support-requests',
      '/api/me',
      '/fhir/R4/Patient',
    ]) {
      const family = api.filter((r) => r.url.startsWith(prefix));
      expect(family.length, prefix).toBeGreaterThan(0);
      expect(
        family.every((r) => r.audited),
        prefix,
      ).toBe(true);
    }
  });

  it('does not audit a refused sign-in', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `nobody-${randomUUID()}@example.org`, password: 'wrong-password-1' },
    });
    expect(login.statusCode).toBe(401);
    expect(await refusals(login.json<{ requestId: string }>().requestId)).toEqual([]);
  });

  it('does not audit refusals outside patient data (a wrong sign-in page path)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/no-such-thing/${randomUUID()}` });
    expect(res.statusCode).toBe(404);
    expect(await refusals(res.json<{ requestId: string }>().requestId)).toEqual([]);
  });
});

describe('audit rows commit with the action they record', () => {
  it('a booking whose audit row cannot be written is not booked at all', async () => {
    const patient = await signedInPatient(ctx);
    // Refuse audit rows about this one patient, as a failure between the action and its row would.
    const fn = `refuse_audit_${patient.id.replace(/-/g, '')}`;
    await sql
      .raw(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
           IF NEW.patient_id = '${patient.id}' AND NEW.action = 'appointment.book' THEN RAISE EXCEPTION 'audit down'; END IF;
           RETURN NEW; END $$`,
      )
      .execute(ctx.database.db);
    await sql
      .raw(`CREATE TRIGGER ${fn} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${fn}()`)
      .execute(ctx.database.db);
    const start = clinicTime(9, '10:00');
    const body = { clinicianId: clinician.id, visitTypeId: clinician.followUpId, start };
    try {
      const res = await patient.agent.inject('POST', '/api/appointments', body);
      expect(res.statusCode).toBe(500);
      const booked = await ctx.database.db
        .selectFrom('appointments')
        .select('id')
        .where('patient_id', '=', patient.id)
        .execute();
      expect(booked).toEqual([]);
    } finally {
      await sql.raw(`DROP TRIGGER ${fn} ON audit_events`).execute(ctx.database.db);
      await sql.raw(`DROP FUNCTION ${fn}()`).execute(ctx.database.db);
    }
    const res = await patient.agent.inject('POST', '/api/appointments', body);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const rows = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'seq'])
      .where('entity_id', '=', id)
      .execute();
    expect(rows).toEqual([{ action: 'appointment.book', seq: expect.any(String) }]);
  });
});

describe('a budget of refusals without a session', () => {
  it('audits the first ones of an address each minute, sums the rest in one row, and always audits signed-in callers', async () => {
    const budgeted = await createTestContext({ PORTICO_AUDIT_ANONYMOUS_REFUSALS_PER_MINUTE: '3' });
    const scanner = '198.51.100.23';
    const rows = (action: string, ip: string) =>
      budgeted.database.db
        .selectFrom('audit_events')
        .select(['detail'])
        .where('action', '=', action)
        .where('ip', '=', ip)
        .execute();
    try {
      for (let i = 0; i < 10; i += 1) {
        const res = await budgeted.app.inject({ method: 'GET', url: '/api/refill-queue', remoteAddress: scanner });
        expect(res.statusCode).toBe(401);
      }
      expect(await rows('http.refused', scanner)).toHaveLength(3);

      // The local address's budget is spent too; a signed-in caller there is still audited each time.
      for (let i = 0; i < 3; i += 1) await budgeted.app.inject({ method: 'GET', url: '/api/refill-queue' });
      const patient = await signedInPatient(budgeted);
      for (let i = 0; i < 5; i += 1) {
        const res = await patient.agent.inject('POST', `/api/patients/${patient.id}/coverages/swap`);
        expect(res.statusCode).toBe(403);
      }
      const signedIn = await budgeted.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'http.refused')
        .where('actor_user_id', '=', patient.user.id)
        .execute();
      expect(signedIn).toHaveLength(5);

      // The window still open when Portico stops is summed before the database closes.
      await budgeted.app.close();
      expect(await rows('http.refused.summary', scanner)).toEqual([{ detail: expect.objectContaining({ count: 7 }) }]);
    } finally {
      await budgeted.close();
    }
  });
});
