import type { DelegateList, GuestInvite } from '@portico/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditRows, failAudit } from './audit-tx-fixtures.js';
import { createTestContext, createUser, outboxFor, uniq, type TestContext } from './context.js';
import { GOOD_CHECK_IN, TestSocket, checkInAndStart, createVisit, listen, type VisitSetup } from './visit-fixtures.js';

/**
 * Decision 0027 for visits: each change of a visit (check-in, the waiting room, admission, phone
 * fallback, the end, guests, delegates, joining the call) commits with its audit row or not at all.
 */
let ctx: TestContext;
let host: string;

beforeAll(async () => {
  ctx = await createTestContext();
  host = await listen(ctx);
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

const post = (v: VisitSetup, who: 'patient' | 'clinician', path: string, body: unknown = {}) =>
  v[who].inject('POST', `/api/visits/${v.appointmentId}${path}`, body);

async function encounter(v: VisitSetup) {
  return ctx.database.db
    .selectFrom('encounters as e')
    .innerJoin('appointments as a', 'a.id', 'e.appointment_id')
    .select([
      'e.id',
      'e.status',
      'e.admitted_at',
      'e.modality',
      'e.cant_connect_at',
      'e.running_late_minutes',
      'a.status as appointment_status',
    ])
    .where('e.appointment_id', '=', v.appointmentId)
    .executeTakeFirstOrThrow();
}

const rows = (action: string, v: VisitSetup) => auditRows(ctx, action, { patientId: v.patientId });

describe('visit changes commit with their audit row', () => {
  it('check-in: a crash after its audit row keeps no attestation and the appointment booked; then it checks in', async () => {
    const v = await createVisit(ctx);
    const attestations = async () =>
      ctx.database.db
        .selectFrom('visit_check_ins')
        .select('location_region')
        .where('encounter_id', '=', (await encounter(v)).id)
        .execute();

    failAudit(ctx, 'visit.check_in', 'after-insert');
    expect((await post(v, 'patient', '/check-in', GOOD_CHECK_IN)).statusCode).toBe(500);
    expect(await attestations()).toEqual([]);
    expect((await encounter(v)).appointment_status).toBe('booked');
    expect(await rows('visit.check_in', v)).toBe(0);
    vi.restoreAllMocks();

    expect((await post(v, 'patient', '/check-in', GOOD_CHECK_IN)).statusCode).toBe(200);
    expect(await attestations()).toEqual([{ location_region: 'MA' }]);
    expect((await encounter(v)).appointment_status).toBe('checked-in');
    expect(await rows('visit.check_in', v)).toBe(1);
  });

  it('the waiting room: a failed audit append keeps the patient out of it; then Start puts them in', async () => {
    const v = await createVisit(ctx);
    expect((await post(v, 'patient', '/check-in', GOOD_CHECK_IN)).statusCode).toBe(200);

    failAudit(ctx, 'visit.waiting', 'instead');
    expect((await post(v, 'patient', '/start')).statusCode).toBe(500);
    expect((await encounter(v)).status).toBe('planned');
    vi.restoreAllMocks();

    expect((await post(v, 'patient', '/start')).statusCode).toBe(200);
    expect((await encounter(v)).status).toBe('arrived');
    expect(await rows('visit.waiting', v)).toBe(1);
  });

  it('admit: a crash after its audit row leaves the patient waiting, not admitted; then admit lets them in', async () => {
    const v = await createVisit(ctx);
    await checkInAndStart(v);
    const patient = await TestSocket.open(host, v.appointmentId, v.patient);
    await patient.next('welcome');
    const admittedRows = async () =>
      (
        await ctx.database.db
          .selectFrom('visit_participants')
          .select('admitted')
          .where('encounter_id', '=', (await encounter(v)).id)
          .where('left_at', 'is', null)
          .execute()
      ).map((p) => p.admitted);

    failAudit(ctx, 'visit.admit', 'after-insert');
    expect((await post(v, 'clinician', '/admit')).statusCode).toBe(500);
    expect(await encounter(v)).toMatchObject({
      status: 'arrived',
      admitted_at: null,
      appointment_status: 'checked-in',
    });
    expect(await admittedRows()).toEqual([false]);
    expect(await rows('visit.admit', v)).toBe(0);
    vi.restoreAllMocks();

    expect((await post(v, 'clinician', '/admit')).statusCode).toBe(200);
    expect(await encounter(v)).toMatchObject({ status: 'in-progress', appointment_status: 'arrived' });
    expect(await admittedRows()).toEqual([true]);
    expect(await rows('visit.admit', v)).toBe(1);
    patient.close();
  });

  it('phone fallback, running late and "I can\'t connect": no change without its audit row', async () => {
    const v = await createVisit(ctx);
    await checkInAndStart(v);

    failAudit(ctx, 'visit.switch_to_phone', 'instead');
    expect((await post(v, 'clinician', '/phone', { number: '617-555-0100' })).statusCode).toBe(500);
    expect((await encounter(v)).modality).toBe('video');
    failAudit(ctx, 'visit.running_late', 'after-insert');
    expect((await post(v, 'clinician', '/running-late', { minutes: 10 })).statusCode).toBe(500);
    expect((await encounter(v)).running_late_minutes).toBeNull();
    failAudit(ctx, 'visit.cant_connect', 'after-insert');
    expect((await post(v, 'patient', '/cant-connect')).statusCode).toBe(500);
    expect((await encounter(v)).cant_connect_at).toBeNull();
    for (const action of ['visit.switch_to_phone', 'visit.running_late', 'visit.cant_connect']) {
      expect(await rows(action, v)).toBe(0);
    }
    vi.restoreAllMocks();

    expect((await post(v, 'clinician', '/phone', { number: '617-555-0100' })).statusCode).toBe(200);
    expect((await post(v, 'clinician', '/running-late', { minutes: 10 })).statusCode).toBe(200);
    expect((await post(v, 'patient', '/cant-connect')).statusCode).toBe(200);
    expect(await encounter(v)).toMatchObject({ modality: 'phone', running_late_minutes: 10 });
    expect((await encounter(v)).cant_connect_at).not.toBeNull();
    for (const action of ['visit.switch_to_phone', 'visit.running_late', 'visit.cant_connect']) {
      expect(await rows(action, v)).toBe(1);
    }
  });

  it('end: a crash after its audit row keeps the visit open and enqueues no charge; then it ends once', async () => {
    const v = await createVisit(ctx, { startsInMinutes: -5 });
    await checkInAndStart(v);
    const { id } = await encounter(v);
    const chargeJobs = async () =>
      (await ctx.database.db.selectFrom('jobs').select('id').where('dedupe_key', '=', `charge:${id}`).execute()).length;

    failAudit(ctx, 'visit.end', 'after-insert');
    expect((await post(v, 'clinician', '/end', { outcome: 'completed' })).statusCode).toBe(500);
    expect(await encounter(v)).toMatchObject({ status: 'arrived', appointment_status: 'checked-in' });
    expect(await chargeJobs()).toBe(0);
    expect(await rows('visit.end', v)).toBe(0);
    vi.restoreAllMocks();

    expect((await post(v, 'clinician', '/end', { outcome: 'completed' })).statusCode).toBe(200);
    expect(await encounter(v)).toMatchObject({ status: 'finished', appointment_status: 'fulfilled' });
    expect(await chargeJobs()).toBe(1);
    expect(await rows('visit.end', v)).toBe(1);
  });
});

describe('guests, the call and delegates commit with their audit row', () => {
  it('a guest invitation: no link kept or emailed without its audit row; the claim and the revoke likewise', async () => {
    const v = await createVisit(ctx);
    const email = `${uniq('guest')}@test.example`;
    const invite = () => post(v, 'clinician', '/guests', { kind: 'guest', label: 'Spouse', email });
    const guests = async () =>
      ctx.database.db
        .selectFrom('visit_guests')
        .select(['holder_name', 'revoked_at'])
        .where('encounter_id', '=', (await encounter(v)).id)
        .execute();

    failAudit(ctx, 'visit.guest_invite', 'after-insert');
    expect((await invite()).statusCode).toBe(500);
    expect(await guests()).toEqual([]);
    expect(await outboxFor(ctx, email)).toEqual([]);
    expect(await rows('visit.guest_invite', v)).toBe(0);
    vi.restoreAllMocks();
    const created = await invite();
    expect(created.statusCode, created.body).toBe(201);
    expect(await outboxFor(ctx, email)).toHaveLength(1);
    expect(await rows('visit.guest_invite', v)).toBe(1);

    const token = created.json<GuestInvite>().link?.split('#')[1] ?? '';
    const claim = () =>
      ctx.app.inject({ method: 'POST', url: '/api/visits/guest/claim', payload: { token, name: 'Sam' } });
    failAudit(ctx, 'visit.guest_claim', 'after-insert');
    expect((await claim()).statusCode).toBe(500);
    expect(await guests()).toEqual([{ holder_name: null, revoked_at: null }]);
    vi.restoreAllMocks();
    expect((await claim()).statusCode).toBe(200);
    expect((await guests())[0]?.holder_name).toBe('Sam');
    expect(await rows('visit.guest_claim', v)).toBe(1);

    const revoke = () =>
      v.clinician.inject('DELETE', `/api/visits/${v.appointmentId}/guests/${created.json<GuestInvite>().id}`);
    failAudit(ctx, 'visit.guest_revoke', 'instead');
    expect((await revoke()).statusCode).toBe(500);
    expect((await guests())[0]?.revoked_at).toBeNull();
    vi.restoreAllMocks();
    expect((await revoke()).statusCode).toBe(204);
    expect((await guests())[0]?.revoked_at).not.toBeNull();
    expect(await rows('visit.guest_revoke', v)).toBe(1);
  });

  it('joining the call: a failed audit append closes the socket and lists no one; then the patient joins', async () => {
    const v = await createVisit(ctx);
    await checkInAndStart(v);
    const live = async () =>
      (
        await ctx.database.db
          .selectFrom('visit_participants')
          .select('id')
          .where('encounter_id', '=', (await encounter(v)).id)
          .where('left_at', 'is', null)
          .execute()
      ).length;

    failAudit(ctx, 'visit.join', 'instead');
    const refused = await TestSocket.open(host, v.appointmentId, v.patient);
    expect(await refused.closed()).toBe(1011);
    expect(await live()).toBe(0);
    expect(await rows('visit.join', v)).toBe(0);
    vi.restoreAllMocks();

    const patient = await TestSocket.open(host, v.appointmentId, v.patient);
    await patient.next('welcome');
    expect(await live()).toBe(1);
    expect(await rows('visit.join', v)).toBe(1);
    patient.close();
  });

  it('delegates: a crash after the audit row names no one, and a failed append removes no one', async () => {
    const v = await createVisit(ctx);
    const staff = await createUser(ctx, 'staff');
    const named = async () =>
      (await v.clinician.inject('GET', '/api/visits/delegates')).json<DelegateList>().delegates.map((d) => d.userId);
    const about = { entityId: staff.id };

    failAudit(ctx, 'visit.delegate.add', 'after-insert');
    expect((await v.clinician.inject('POST', '/api/visits/delegates', { email: staff.email })).statusCode).toBe(500);
    expect(await named()).toEqual([]);
    expect(await auditRows(ctx, 'visit.delegate.add', about)).toBe(0);
    vi.restoreAllMocks();
    expect((await v.clinician.inject('POST', '/api/visits/delegates', { email: staff.email })).statusCode).toBe(200);
    expect(await named()).toEqual([staff.id]);
    expect(await auditRows(ctx, 'visit.delegate.add', about)).toBe(1);

    failAudit(ctx, 'visit.delegate.remove', 'instead');
    expect((await v.clinician.inject('DELETE', `/api/visits/delegates/${staff.id}`)).statusCode).toBe(500);
    expect(await named()).toEqual([staff.id]);
    vi.restoreAllMocks();
    expect((await v.clinician.inject('DELETE', `/api/visits/delegates/${staff.id}`)).statusCode).toBe(204);
    expect(await named()).toEqual([]);
    expect(await auditRows(ctx, 'visit.delegate.remove', about)).toBe(1);
  });
});
