import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsurancePlan, InsurancePlanList } from '@portico/contracts';
import { createOrganization, createUser, createTestContext, signIn, type Agent, type TestContext } from './context.js';
import { addPharmacy, createCardiacPool, createPrescriber, createPrescription } from './medications-fixtures.js';
import { createRequest, ensureDepartment, newRequest } from './opinions-fixtures.js';
import { addPlan, signedInPatient } from './profile-fixtures.js';

let ctx: TestContext;
let otherOrg: string;
let staff: Agent;
let otherStaff: Agent;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  otherOrg = await createOrganization(ctx.database);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  otherStaff = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
  admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
});
afterAll(async () => ctx.close());

/**
 * A client error as problem JSON with a stable code: never a 500. `field` is the field the answer
 * must name (so a 400 for some other reason — a schema mismatch — does not pass for the right one).
 */
function expectProblem(res: LightMyRequestResponse, status?: number, code?: string, field?: string): void {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  if (status) expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json<{ code: string; detail: string }>();
  expect(body.code).toMatch(/^[a-z_]+$/);
  if (code) expect(body.code).toBe(code);
  if (field) expect(res.json<{ errors?: { field: string }[] }>().errors?.map((e) => e.field)).toContain(field);
  // Internals (SQL, constraint names) never reach the client.
  expect(res.body).not.toMatch(/violates|constraint|insert or update/i);
}

describe('insurance plans belong to one organization', () => {
  let plan: InsurancePlan;
  beforeAll(async () => {
    plan = await addPlan(staff);
  });

  it("another organization's staff get a 404 on GET and PATCH, and never see it in their list", async () => {
    expect((await staff.inject('GET', `/api/insurance-plans/${plan.id}`)).json<InsurancePlan>()).toEqual(plan);
    expectProblem(await otherStaff.inject('GET', `/api/insurance-plans/${plan.id}`), 404, 'not_found');
    expectProblem(await otherStaff.inject('PATCH', `/api/insurance-plans/${plan.id}`, { active: false }), 404);
    const after = (await staff.inject('GET', `/api/insurance-plans/${plan.id}`)).json<InsurancePlan>();
    expect(after.active).toBe(true);
    const theirs = (
      await otherStaff.inject('GET', `/api/insurance-plans?payer=${encodeURIComponent(plan.payerName)}`)
    ).json<InsurancePlanList>();
    expect(theirs.plans).toEqual([]);
    // The same payer and plan name may exist in each organization's catalog.
    const same = await addPlan(otherStaff, { payerName: plan.payerName, planName: plan.planName });
    expect(same.id).not.toBe(plan.id);
    expectProblem(await staff.inject('PATCH', `/api/insurance-plans/${same.id}`, { active: false }), 404);
  });

  it("patients pick from their own organization's catalog only", async () => {
    const mine = await signedInPatient(ctx);
    const foreign = await signedInPatient(ctx, otherOrg);
    const list = (
      await mine.agent.inject('GET', `/api/insurance-plans?payer=${encodeURIComponent(plan.payerName)}`)
    ).json<InsurancePlanList>();
    expect(list.plans.map((p) => p.id)).toEqual([plan.id]);
    expectProblem(await foreign.agent.inject('GET', `/api/insurance-plans/${plan.id}`), 404);
    const onForeign = await foreign.agent.inject('POST', '/api/profile/coverages', {
      planId: plan.id,
      priority: 1,
      memberId: 'ACH-1',
    });
    expectProblem(onForeign, 422);
    expect(onForeign.json()).toMatchObject({ errors: [{ field: 'planId' }] });
    const onMine = await mine.agent.inject('POST', '/api/profile/coverages', {
      planId: plan.id,
      priority: 1,
      memberId: 'ACH-1',
    });
    expect(onMine.statusCode, onMine.body).toBe(201);
  });
});

describe('a reference to something that does not exist is a 4xx problem on every route family', () => {
  const ghost = randomUUID();

  it('scheduling: a holiday for an unknown organization', async () => {
    const res = await admin.inject('POST', '/api/holidays', {
      organizationId: ghost,
      date: '2031-07-04',
      name: 'Fourth',
    });
    expectProblem(res, 422, 'reference_not_found');
    expect(res.json()).toMatchObject({ errors: [{ field: 'organizationId' }] });
  });

  it('scheduling: booking and requesting with an unknown clinician or visit type', async () => {
    const p = await signedInPatient(ctx);
    expectProblem(
      await p.agent.inject('POST', '/api/appointments', {
        clinicianId: ghost,
        visitTypeId: randomUUID(),
        start: '2031-01-06T15:00:00.000Z',
      }),
      404,
      'not_found',
    );
    expectProblem(
      await p.agent.inject('POST', '/api/appointment-requests', { clinicianId: ghost, preferredTimes: 'mornings' }),
      404,
      'not_found',
    );
  });

  it('admin: a workforce account in an unknown organization', async () => {
    expectProblem(
      await admin.inject('POST', '/api/admin/users', {
        email: `ghost-${ghost.slice(0, 8)}@test.example`,
        role: 'staff',
        givenName: 'Gus',
        familyName: 'Ghost',
        organizationId: ghost,
      }),
      400,
      'validation_failed',
      'organizationId',
    );
  });

  it('directory: a clinician or a clinical area in an unknown organization', async () => {
    // The service line exists, so the answer is about the organization.
    await ctx.database.db
      .insertInto('service_lines')
      .values({ code: 'cardiac', name: 'Cardiac' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    expectProblem(
      await admin.inject('POST', '/api/directory/clinicians', {
        organizationId: ghost,
        givenName: 'Ana',
        familyName: 'Nobody',
        credentials: 'MD',
        specialty: 'Cardiology',
        serviceLineCode: 'cardiac',
        languages: ['en'],
        licensedStates: ['MA'],
        visitModes: ['video'],
        acceptingNewPatients: true,
        selfScheduling: true,
        bio: '',
        clinicalAreaIds: [],
      }),
      422,
      'reference_not_found',
      'organizationId',
    );
    expectProblem(
      await admin.inject('POST', '/api/directory/clinical-areas', {
        organizationId: ghost,
        serviceLineCode: 'cardiac',
        name: 'Ghost clinic',
        keywords: '',
      }),
      422,
      'reference_not_found',
      'organizationId',
    );
  });

  it('billing: a fee rule set for an unknown organization', async () => {
    expectProblem(
      await admin.inject('POST', '/api/billing/rule-sets', {
        organizationId: ghost,
        effectiveFrom: new Date(Date.now() + 86_400_000).toISOString(),
        rules: {
          noFeePayerCategories: [],
          notCoveredBilling: 'telehealth_fee',
          telehealthFeeCents: 4900,
          inPersonRateCents: 15000,
          deductibleAmountCents: 9000,
          noShowFeeCents: 0,
        },
        note: 'Ghost organization',
      }),
      404,
      'not_found',
    );
  });

  it('profile: a coverage on an unknown plan', async () => {
    const p = await signedInPatient(ctx);
    expectProblem(
      await p.agent.inject('POST', '/api/profile/coverages', { planId: ghost, priority: 1, memberId: 'X1' }),
      422,
      'validation_failed',
      'planId',
    );
  });

  it('messaging: a thread to an unknown clinician', async () => {
    const p = await signedInPatient(ctx);
    expectProblem(
      await p.agent.inject('POST', '/api/messages/threads', {
        topic: 'question',
        subject: 'Hello',
        body: 'A question',
        clinicianId: ghost,
      }),
      400,
      'validation_failed',
      'recipient',
    );
  });

  it('international: an unknown coordinator', async () => {
    const p = await signedInPatient(ctx);
    expectProblem(
      await staff.inject('PUT', `/api/international/patients/${p.id}/coordinator`, { coordinatorUserId: ghost }),
      400,
      'validation_failed',
      'coordinatorUserId',
    );
  });

  it('second opinions: an unknown department, and a specialist or visit that does not exist', async () => {
    const p = await signedInPatient(ctx);
    const unknownLine = await p.agent.inject('POST', '/api/second-opinions', newRequest('ghost-line'));
    expectProblem(unknownLine, 400, 'validation_failed', 'serviceLineCode');
    const department = await ensureDepartment(ctx);
    const created = await createRequest(p.agent, department);
    const assign = await staff.inject('POST', `/api/second-opinions/${created.id}/assign`, { clinicianId: ghost });
    expectProblem(assign, 400, 'validation_failed', 'clinicianId');
    const schedule = await staff.inject('POST', `/api/second-opinions/${created.id}/schedule`, {
      appointmentId: ghost,
    });
    expectProblem(schedule, 400, 'validation_failed', 'appointmentId');
    expectProblem(
      await staff.inject('POST', `/api/second-opinions/${ghost}/assign`, { clinicianId: ghost }),
      404,
      'not_found',
    );
  });

  it('medications: a refill to an unknown pharmacy, of an unknown medication, and a decision on an unknown request', async () => {
    const prescriber = await createPrescriber(ctx);
    const p = await signedInPatient(ctx);
    const medication = await createPrescription(ctx, p.id, prescriber.clinicianId);
    expectProblem(
      await p.agent.inject('POST', `/api/medications/${medication}/refill-requests`, { pharmacyId: ghost }),
      422,
      'pharmacy_not_available',
    );
    const pharmacy = await addPharmacy(p.agent);
    expectProblem(
      await p.agent.inject('POST', `/api/medications/${ghost}/refill-requests`, { pharmacyId: pharmacy }),
      404,
      'not_found',
    );
    expectProblem(
      await prescriber.agent.inject('POST', `/api/refill-requests/${ghost}/decision`, { decision: 'approve' }),
      404,
      'not_found',
    );
    expectProblem(await p.agent.inject('POST', `/api/refill-requests/${ghost}/cancel`), 404, 'not_found');
  });

  it('proxies: sharing an unknown patient, ending or consenting to a grant that does not exist', async () => {
    expectProblem(
      await staff.inject('POST', `/api/patients/${ghost}/proxies`, {
        email: `ghost-proxy-${ghost.slice(0, 8)}@test.example`,
        relationship: 'child',
        access: 'full',
      }),
      404,
      'not_found',
    );
    const p = await signedInPatient(ctx);
    expectProblem(await p.agent.inject('DELETE', `/api/proxies/${ghost}`), 404, 'not_found');
    expectProblem(await p.agent.inject('POST', `/api/proxies/${ghost}/teen-consent`, {}), 404, 'not_found');
  });

  it('messaging pools: a thread to an unknown pool, and assigning a thread to an unknown person', async () => {
    const p = await signedInPatient(ctx);
    expectProblem(
      await p.agent.inject('POST', '/api/messages/threads', {
        topic: 'question',
        subject: 'Hello',
        body: 'A question',
        poolId: ghost,
      }),
      400,
      'validation_failed',
      'recipient',
    );
    const prescriber = await createPrescriber(ctx);
    const pool = await createCardiacPool(ctx, [prescriber.userId]);
    const thread = await p.agent.inject('POST', '/api/messages/threads', {
      topic: 'question',
      subject: 'Hello',
      body: 'A question',
      poolId: pool,
    });
    expect(thread.statusCode, thread.body).toBe(201);
    const id = thread.json<{ id: string }>().id;
    const assign = await prescriber.agent.inject('POST', `/api/messages/threads/${id}/assign`, { userId: ghost });
    expectProblem(assign, 400, 'validation_failed', 'userId');
  });

  it('MFA policy: an organization that does not exist', async () => {
    expectProblem(
      await admin.inject('PUT', `/api/admin/organizations/${ghost}/mfa-policy`, { requiredRoles: ['admin'] }),
      404,
      'not_found',
    );
  });

  it('coverages: a coverage that does not exist, and staff adding one on an unknown plan', async () => {
    const p = await signedInPatient(ctx);
    expectProblem(await p.agent.inject('PATCH', `/api/coverages/${ghost}`, { memberId: 'X2' }), 404, 'not_found');
    expectProblem(await p.agent.inject('DELETE', `/api/coverages/${ghost}`), 404, 'not_found');
    expectProblem(
      await staff.inject('POST', `/api/patients/${p.id}/coverages`, { planId: ghost, priority: 1, memberId: 'X3' }),
      422,
      'validation_failed',
      'planId',
    );
    const plan = await addPlan(staff);
    expectProblem(
      await staff.inject('POST', `/api/patients/${ghost}/coverages`, { planId: plan.id, priority: 1, memberId: 'X4' }),
      404,
      'not_found',
    );
  });

  it('patients: an activation code or a profile change for a patient who does not exist', async () => {
    expectProblem(await staff.inject('POST', `/api/patients/${ghost}/activation-codes`), 404, 'not_found');
    expectProblem(
      await staff.inject('PATCH', `/api/patients/${ghost}/profile`, { mobilePhone: '617-555-0100' }),
      404,
      'not_found',
    );
  });
});
