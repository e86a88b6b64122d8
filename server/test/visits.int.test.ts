import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '@portico/contracts';
import { createOrganization, createUser, signIn, type TestContext, createTestContext } from './context.js';
import { GOOD_CHECK_IN, checkInAndStart, createVisit } from './visit-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe('e-check-in', () => {
  it('opens only in the window before the visit', async () => {
    const v = await createVisit(ctx, { startsInMinutes: 120 });
    const res = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, GOOD_CHECK_IN);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'check_in_not_open' });
    expect(typeof res.json<{ opensAt: string }>().opensAt).toBe('string');
  });

  it('stops a patient outside the required state from starting, keeps the attestation and explains why', async () => {
    const v = await createVisit(ctx);
    await ctx.database.db
      .updateTable('organizations')
      .set({ settings: JSON.stringify({ requiredPatientLocation: ['MA'] }) })
      .where('id', '=', ctx.orgId)
      .execute();
    const res = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, {
      ...GOOD_CHECK_IN,
      location: { country: 'US', region: 'NH' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'location_not_allowed', allowedRegions: ['MA'] });
    expect(res.json<{ detail: string }>().detail).toMatch(/MA/);
    const start = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/start`);
    expect(start.statusCode).toBe(403);
    expect(start.json()).toMatchObject({ code: 'location_not_allowed' });

    const stored = await ctx.database.db
      .selectFrom('visit_check_ins as c')
      .innerJoin('encounters as e', 'e.id', 'c.encounter_id')
      .select(['c.location_region', 'c.location_allowed', 'c.consent_version'])
      .where('e.appointment_id', '=', v.appointmentId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ location_region: 'NH', location_allowed: false, consent_version: '2026-11-01' });
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['outcome', 'detail'])
      .where('action', '=', 'visit.check_in')
      .where('patient_id', '=', v.patientId)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ locationAllowed: false, location: 'US-NH' });

    // Checking in again from Massachusetts lets the visit start.
    await checkInAndStart(v);
    const view = (await v.patient.inject('GET', `/api/visits/${v.appointmentId}`)).json<VisitView>();
    expect(view.liveState).toBe('waiting');
    expect(view.checkIn.answers?.locationAllowed).toBe(true);
    await ctx.database.db.updateTable('organizations').set({ settings: '{}' }).where('id', '=', ctx.orgId).execute();
  });

  it('requires the consent and a state for US locations, with field messages', async () => {
    const v = await createVisit(ctx);
    const res = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, {
      ...GOOD_CHECK_IN,
      location: { country: 'US' },
      consentAccepted: false,
      consentVersion: '2019-01-01',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['consentAccepted', 'consentVersion', 'location.region']));
    const bad = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, {
      ...GOOD_CHECK_IN,
      contactPhone: 'call me',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('moves the appointment to checked-in and shows the answers to the clinician', async () => {
    const v = await createVisit(ctx);
    const res = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, GOOD_CHECK_IN);
    expect(res.statusCode).toBe(200);
    expect(res.json<VisitView>().liveState).toBe('checked_in');
    const appt = await v.patient.inject('GET', `/api/appointments/${v.appointmentId}`);
    expect(appt.json()).toMatchObject({ status: 'checked-in' });
    const queue = await v.clinician.inject('GET', v.queuePath);
    const entry = queue
      .json<{ visits: { appointmentId: string; liveState: string; checkIn: { questions: string } }[] }>()
      .visits.find((e) => e.appointmentId === v.appointmentId);
    expect(entry?.liveState).toBe('checked_in');
    expect(entry?.checkIn.questions).toBe(GOOD_CHECK_IN.questions);
  });
});

describe('who may see a visit', () => {
  it("answers 404 for another patient's visit, for another organization's clinician, and for made-up ids", async () => {
    const v = await createVisit(ctx);
    const other = await createUser(ctx, 'patient');
    const otherAgent = await signIn(ctx.app, other.email);
    for (const path of ['', '/check-in', '/start']) {
      const method = path === '' ? 'GET' : 'POST';
      const res = await otherAgent.inject(
        method,
        `/api/visits/${v.appointmentId}${path}`,
        path === '/check-in' ? GOOD_CHECK_IN : undefined,
      );
      expect(res.statusCode).toBe(404);
    }
    const elsewhere = await createOrganization(ctx.database);
    const foreignClinician = await createUser(ctx, 'clinician', { orgId: elsewhere });
    const foreign = await signIn(ctx.app, foreignClinician.email);
    expect((await foreign.inject('GET', `/api/visits/${v.appointmentId}`)).statusCode).toBe(404);
    expect((await foreign.inject('POST', `/api/visits/${v.appointmentId}/admit`, {})).statusCode).toBe(404);
    expect((await v.patient.inject('GET', `/api/visits/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'visit.view')
      .where('outcome', '=', 'denied')
      .where('actor_user_id', '=', other.id)
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('lets only the visit clinician admit, switch to phone and end', async () => {
    const v = await createVisit(ctx);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    expect((await staff.inject('GET', `/api/visits/${v.appointmentId}`)).statusCode).toBe(200);
    for (const path of ['/admit', '/phone', '/end', '/running-late']) {
      const res = await staff.inject(
        'POST',
        `/api/visits/${v.appointmentId}${path}`,
        path === '/running-late' ? { minutes: 5 } : {},
      );
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'not_visit_clinician' });
    }
    const patientAdmits = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    expect(patientAdmits.statusCode).toBe(403);
  });
});
