import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createPatient,
  createTestContext,
  createUser,
  signIn,
  type TestContext,
} from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const audits = (patientId: string) =>
  ctx.database.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'actor_user_id', 'acting_for_patient_id'])
    .where('patient_id', '=', patientId)
    .orderBy('id')
    .execute();

describe('access to patient records', () => {
  it('a patient reads their own record, and the read is audited with who acted for whom', async () => {
    const me = await createUser(ctx, 'patient');
    const res = await (await signIn(ctx.app, me.email)).inject('GET', `/api/patients/${me.patientId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: me.patientId, organizationId: ctx.orgId, hasAccount: true });
    expect(await audits(me.patientId ?? '')).toContainEqual({
      action: 'patient.read',
      outcome: 'allowed',
      actor_user_id: me.id,
      acting_for_patient_id: me.patientId,
    });
  });

  it("someone else's record is a 404 exactly like a missing one, and the attempt is audited as denied", async () => {
    const me = await createUser(ctx, 'patient');
    const other = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, me.email);
    const theirs = await agent.inject('GET', `/api/patients/${other.patientId}`);
    const missing = await agent.inject('GET', '/api/patients/00000000-0000-4000-8000-000000000000');
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(theirs.json())).toEqual(strip(missing.json()));
    expect(await audits(other.patientId ?? '')).toContainEqual(
      expect.objectContaining({ action: 'patient.read', outcome: 'denied', actor_user_id: me.id }),
    );
  });

  it("clinicians and staff see their own organization's patients only", async () => {
    const patientHere = await createPatient(ctx);
    const otherOrg = await createOrganization(ctx.database);
    const patientThere = await createPatient(ctx, { orgId: otherOrg });
    for (const role of ['clinician', 'staff'] as const) {
      const agent = await signIn(ctx.app, (await createUser(ctx, role)).email);
      expect((await agent.inject('GET', `/api/patients/${patientHere}`)).statusCode).toBe(200);
      expect((await agent.inject('GET', `/api/patients/${patientThere}`)).statusCode).toBe(404);
    }
  });

  it('staff search finds by name within their organization and each record shown is audited', async () => {
    const staff = await createUser(ctx, 'staff');
    const agent = await signIn(ctx.app, staff.email);
    const created = await agent.inject('POST', '/api/patients', {
      givenName: 'Margarethe',
      familyName: 'Quillfeather',
      birthDate: '1953-10-05',
    });
    expect(created.statusCode).toBe(201);
    const otherOrg = await createOrganization(ctx.database);
    const otherStaff = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
    await otherStaff.inject('POST', '/api/patients', {
      givenName: 'Margarethe',
      familyName: 'Quillfeather',
      birthDate: '1960-01-01',
    });
    const found = await agent.inject('GET', '/api/patients?q=quillf%20marg');
    expect(found.statusCode).toBe(200);
    expect(found.json().patients).toEqual([
      expect.objectContaining({ id: created.json().id, birthDate: '1953-10-05' }),
    ]);
    expect(await audits(created.json().id)).toContainEqual(
      expect.objectContaining({ action: 'patient.search', outcome: 'allowed' }),
    );
  });

  it('patients cannot search the patient list', async () => {
    const me = await createUser(ctx, 'patient');
    const res = await (await signIn(ctx.app, me.email)).inject('GET', '/api/patients?q=a');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('without signing in, patient data is a 401', async () => {
    const id = await createPatient(ctx);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/patients/${id}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });
});
