import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createTestContext,
  createUser,
  outboxFor,
  signIn,
  type Agent,
  type TestContext,
  type TestUser,
} from './context.js';
import {
  clinicTime,
  countAppointments,
  createClinician,
  createPatient,
  type TestClinician,
} from './scheduling-fixtures.js';

let ctx: TestContext;
let clinician: TestClinician;
beforeAll(async () => {
  ctx = await createTestContext();
  clinician = await createClinician(ctx);
});
afterAll(async () => ctx?.close());

async function patientAgent(): Promise<{ user: TestUser; agent: Agent }> {
  const user = await createUser(ctx, 'patient');
  return { user, agent: await signIn(ctx.app, user.email) };
}

const book = (agent: Agent, start: string, extra: Record<string, unknown> = {}) =>
  agent.inject('POST', '/api/appointments', {
    clinicianId: clinician.id,
    visitTypeId: clinician.followUpId,
    start,
    ...extra,
  });

describe('open slots', () => {
  it('are public, in clinic time zone terms, and skip booked times', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/directory/clinicians/${clinician.id}/slots?visitTypeId=${clinician.followUpId}&days=7`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('America/New_York');
    expect(body.slots.length).toBeGreaterThan(100);
    const target = clinicTime(5, '09:00');
    expect(body.slots.map((s: { start: string }) => s.start)).toContain(
      target.replace('Z', '.000Z').replace('.000.000Z', '.000Z'),
    );
    const { agent } = await patientAgent();
    expect((await book(agent, target)).statusCode).toBe(201);
    const after = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/directory/clinicians/${clinician.id}/slots?visitTypeId=${clinician.followUpId}&days=7`,
      })
    ).json();
    expect(after.slots.map((s: { start: string }) => new Date(s.start).getTime())).not.toContain(
      new Date(target).getTime(),
    );
  });
});

describe('booking as a patient', () => {
  it('books, lists, emails a confirmation with a calendar file, and schedules reminders', async () => {
    const { user, agent } = await patientAgent();
    const start = clinicTime(6, '10:00');
    const res = await book(agent, start, { reason: 'Chest tightness follow-up' });
    expect(res.statusCode).toBe(201);
    const appt = res.json();
    expect(appt).toMatchObject({
      status: 'booked',
      mode: 'video',
      patientId: user.patientId,
      clinicianId: clinician.id,
      timeZone: 'America/New_York',
      patientCanChange: true,
    });
    expect(new Date(appt.start).getTime()).toBe(new Date(start).getTime());
    expect(new Date(appt.checkInOpensAt).getTime()).toBe(new Date(start).getTime() - 30 * 60_000);
    // The confirmation says exactly what the appointment's own page then shows (names, phone, times).
    expect((await agent.inject('GET', `/api/appointments/${appt.id}`)).json()).toEqual(appt);
    const mine = (await agent.inject('GET', '/api/appointments')).json();
    expect(mine.upcoming.map((a: { id: string }) => a.id)).toContain(appt.id);
    // On a shared PostgreSQL database another test file's runner may be sending this email right
    // now: run the jobs and look again until it is in the outbox.
    const booked = async () => {
      await ctx.services.jobs.runDue('test');
      return (await outboxFor(ctx, user.email)).find((m) => m.subject === 'Your appointment is booked');
    };
    await expect.poll(booked, { timeout: 20_000, interval: 200 }).toBeDefined();
    const mail = await booked();
    expect(mail?.text).toMatch(/Your video visit is booked for \w+day, \w+ \d+, \d{4} at 10:00 AM E[SD]T/);
    expect(mail?.text).not.toMatch(/Chest|Ana|Heart|Cardio/); // no reason, clinician or specialty by default
    const row = await ctx.database.db
      .selectFrom('mail_outbox')
      .select('attachments')
      .where('to_address', '=', user.email)
      .where('subject', '=', 'Your appointment is booked')
      .executeTakeFirstOrThrow();
    expect(row.attachments[0]).toMatchObject({
      filename: 'appointment.ics',
      contentType: expect.stringContaining('text/calendar'),
    });
    expect(row.attachments[0]?.content).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*END:VEVENT/);
    const reminders = await ctx.database.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'run_at'])
      .where('dedupe_key', 'like', `reminder:${appt.id}:%`)
      .orderBy('run_at')
      .execute();
    expect(reminders.map((r) => r.dedupe_key)).toEqual([`reminder:${appt.id}:1440`, `reminder:${appt.id}:60`]);
    const events = await ctx.database.db
      .selectFrom('appointment_events')
      .select(['action', 'to_status', 'actor_user_id'])
      .where('appointment_id', '=', appt.id)
      .execute();
    expect(events).toEqual([{ action: 'book', to_status: 'booked', actor_user_id: user.id }]);
  });

  it('a lost race is a 409 that offers the next open times, and nothing is written', async () => {
    const first = await patientAgent();
    const second = await patientAgent();
    const start = clinicTime(7, '11:00');
    expect((await book(first.agent, start)).statusCode).toBe(201);
    const before = await countAppointments(ctx, clinician.id);
    const lost = await book(second.agent, start);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().code).toBe('slot_taken');
    expect(lost.json().nextSlots).toHaveLength(3);
    expect(new Date(lost.json().nextSlots[0]).getTime()).toBeGreaterThan(new Date(start).getTime());
    expect(await countAppointments(ctx, clinician.id)).toBe(before);
  });

  it('a retried request with the same Idempotency-Key returns the first appointment, never a second', async () => {
    const { agent } = await patientAgent();
    const start = clinicTime(8, '12:00');
    const send = (key: string, s = start) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/appointments',
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'idempotency-key': key },
        payload: { clinicianId: clinician.id, visitTypeId: clinician.followUpId, start: s },
      });
    const a = await send('retry-key-000001');
    const b = await send('retry-key-000001');
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    const mismatch = await send('retry-key-000001', clinicTime(8, '13:00'));
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().code).toBe('idempotency_key_reused');
    const same = await ctx.database.db
      .selectFrom('appointments')
      .select('id')
      .where('clinician_id', '=', clinician.id)
      .where('start_at', '=', new Date(start))
      .execute();
    expect(same).toHaveLength(1);
  });

  it('a patient cannot be double-booked with two clinicians at once', async () => {
    const other = await createClinician(ctx);
    const { agent } = await patientAgent();
    const start = clinicTime(9, '09:00');
    expect((await book(agent, start)).statusCode).toBe(201);
    const clash = await agent.inject('POST', '/api/appointments', {
      clinicianId: other.id,
      visitTypeId: other.followUpId,
      start,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'start' }] });
  });

  it('respects the buffer after a visit', async () => {
    const { agent } = await patientAgent();
    const res = await agent.inject('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.newPatientId,
      start: clinicTime(10, '08:00'),
    });
    expect(res.statusCode).toBe(201);
    // 08:00–09:00 visit + 10 min buffer: a 09:00 follow-up would start inside the buffer.
    const other = await patientAgent();
    expect((await book(other.agent, clinicTime(10, '09:00'))).json().code).toBe('slot_taken');
    expect((await book(other.agent, clinicTime(10, '09:30'))).statusCode).toBe(201);
  });
});

describe('bad booking input: a clear problem and nothing written', () => {
  it.each([
    ['in the past', () => clinicTime(-1, '10:00'), {}, 400, 'slot_in_past'],
    ['outside working hours', () => clinicTime(3, '03:00'), {}, 400, 'slot_unavailable'],
    ['not on a slot boundary', () => clinicTime(3, '10:07'), {}, 400, 'slot_unavailable'],
    ['beyond the booking horizon', () => clinicTime(200, '10:00'), {}, 400, 'slot_unavailable'],
    ['with a malformed time', () => 'next tuesday', {}, 400, 'validation_failed'],
  ])('%s', async (_name, start, extra, status, code) => {
    const { agent } = await patientAgent();
    const before = await countAppointments(ctx, clinician.id);
    const res = await book(agent, start(), extra);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await countAppointments(ctx, clinician.id)).toBe(before);
  });

  it('with a visit type the clinician does not offer', async () => {
    const other = await createClinician(ctx);
    const { agent } = await patientAgent();
    const res = await book(agent, clinicTime(3, '10:00'), { visitTypeId: other.followUpId });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'visit_type_unavailable', errors: [{ field: 'visitTypeId' }] });
  });

  it('for another patient, as a patient: 404', async () => {
    const { agent } = await patientAgent();
    const someoneElse = await createPatient(ctx);
    const res = await book(agent, clinicTime(3, '10:30'), { patientId: someoneElse });
    expect(res.statusCode).toBe(404);
    expect(
      await ctx.database.db.selectFrom('appointments').select('id').where('patient_id', '=', someoneElse).execute(),
    ).toEqual([]);
  });

  it('without signing in: 401', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/appointments',
      payload: { clinicianId: clinician.id, visitTypeId: clinician.followUpId, start: clinicTime(3, '10:00') },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('changing and cancelling', () => {
  it('a patient cancels before the cut-off; reminders are withdrawn and a cancellation is emailed', async () => {
    const { user, agent } = await patientAgent();
    const appt = (await book(agent, clinicTime(11, '10:00'))).json();
    const res = await agent.inject('POST', `/api/appointments/${appt.id}/cancel`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Cancelled by patient' });
    const live = await ctx.database.db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', 'like', `reminder:${appt.id}:%`)
      .where('cancelled_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    await ctx.services.jobs.runDue('test');
    expect((await outboxFor(ctx, user.email)).map((m) => m.subject)).toContain('Your appointment is cancelled');
    expect((await agent.inject('POST', `/api/appointments/${appt.id}/cancel`, {})).json().code).toBe(
      'appointment_not_changeable',
    );
    // The freed time can be booked again.
    expect((await book((await patientAgent()).agent, appt.start)).statusCode).toBe(201);
  });

  it('inside the cut-off a patient is told to call, with the number; staff can still cancel', async () => {
    const { user, agent } = await patientAgent();
    // A slot a few hours away (well inside the 24 h cut-off) whatever the time of day the test runs.
    const tonight = clinicTime(0, '19:30');
    const soon = new Date(tonight).getTime() > Date.now() + 2 * 3_600_000 ? tonight : clinicTime(1, '08:00');
    const appt = (await book(agent, soon)).json();
    expect(appt.patientCanChange).toBe(false);
    const res = await agent.inject('POST', `/api/appointments/${appt.id}/cancel`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('cancellation_cutoff');
    expect(res.json().detail).toMatch(/call .* at 617-555-0100/);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const byStaff = await staff.inject('POST', `/api/appointments/${appt.id}/cancel`, { reason: 'Clinician unwell' });
    expect(byStaff.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Clinician unwell',
      patientId: user.patientId,
    });
  });

  it('rescheduling moves the visit in one step and emails the new time', async () => {
    const { user, agent } = await patientAgent();
    const appt = (await book(agent, clinicTime(12, '10:00'))).json();
    const res = await agent.inject('POST', `/api/appointments/${appt.id}/reschedule`, {
      start: clinicTime(12, '10:30'),
    });
    expect(res.statusCode).toBe(200);
    const moved = res.json();
    expect(moved.id).not.toBe(appt.id);
    expect(new Date(moved.start).getTime()).toBe(new Date(clinicTime(12, '10:30')).getTime());
    expect((await agent.inject('GET', `/api/appointments/${appt.id}`)).json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Rescheduled',
    });
    await ctx.services.jobs.runDue('test');
    expect((await outboxFor(ctx, user.email)).map((m) => m.subject)).toContain('Your appointment has changed');
    // Overlapping its own old time is fine (the old one is released in the same transaction).
    const again = await agent.inject('POST', `/api/appointments/${moved.id}/reschedule`, {
      start: clinicTime(12, '10:00'),
    });
    expect(again.statusCode).toBe(200);
  });

  it("someone else's appointment is a 404", async () => {
    const a = await patientAgent();
    const b = await patientAgent();
    const appt = (await book(a.agent, clinicTime(13, '10:00'))).json();
    expect((await b.agent.inject('GET', `/api/appointments/${appt.id}`)).statusCode).toBe(404);
    expect((await b.agent.inject('POST', `/api/appointments/${appt.id}/cancel`, {})).statusCode).toBe(404);
  });
});

describe('staff booking', () => {
  it('staff book for a patient of their organization, but not for another organization', async () => {
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const patientId = await createPatient(ctx);
    const res = await staff.inject('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.phoneId,
      start: clinicTime(14, '09:00'),
      patientId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ patientId, mode: 'phone' });
    const elsewhere = await createPatient(ctx, { orgId: await createOrganization(ctx.database) });
    const denied = await staff.inject('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.phoneId,
      start: clinicTime(14, '10:00'),
      patientId: elsewhere,
    });
    expect(denied.statusCode).toBe(404);
    const day = (
      await staff.inject(
        'GET',
        `/api/schedule/appointments?date=${clinicTime(14, '09:00').slice(0, 10)}&clinicianId=${clinician.id}`,
      )
    ).json();
    expect(day.appointments.map((a: { id: string }) => a.id)).toContain(res.json().id);
  });
});

describe('appointment requests', () => {
  it('a clinician without self-scheduling takes requests that staff book or decline, and the patient hears back', async () => {
    const officeOnly = await createClinician(ctx, { selfScheduling: false });
    const { user, agent } = await patientAgent();
    const direct = await agent.inject('POST', '/api/appointments', {
      clinicianId: officeOnly.id,
      visitTypeId: officeOnly.followUpId,
      start: clinicTime(5, '10:00'),
    });
    expect(direct.statusCode).toBe(403);
    expect(direct.json().code).toBe('self_scheduling_unavailable');
    const req = await agent.inject('POST', '/api/appointment-requests', {
      clinicianId: officeOnly.id,
      preferredTimes: 'Weekday mornings',
      reason: 'Follow-up',
    });
    expect(req.statusCode).toBe(201);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const pending = (await staff.inject('GET', '/api/appointment-requests?status=pending')).json();
    expect(pending.requests.map((r: { id: string }) => r.id)).toContain(req.json().id);
    const booked = await staff.inject('POST', `/api/appointment-requests/${req.json().id}/decision`, {
      decision: 'book',
      visitTypeId: officeOnly.followUpId,
      start: clinicTime(5, '10:00'),
    });
    expect(booked.json()).toMatchObject({ status: 'booked', appointmentId: expect.any(String) });
    expect((await agent.inject('GET', '/api/appointments')).json().upcoming.map((a: { id: string }) => a.id)).toContain(
      booked.json().appointmentId,
    );

    const second = (
      await agent.inject('POST', '/api/appointment-requests', { clinicianId: officeOnly.id, preferredTimes: 'Any' })
    ).json();
    const declined = await staff.inject('POST', `/api/appointment-requests/${second.id}/decision`, {
      decision: 'decline',
      message: 'Please see your primary care doctor first.',
    });
    expect(declined.json()).toMatchObject({
      status: 'declined',
      staffMessage: 'Please see your primary care doctor first.',
    });
    expect(
      (
        await staff.inject('POST', `/api/appointment-requests/${second.id}/decision`, {
          decision: 'decline',
          message: 'again',
        })
      ).statusCode,
    ).toBe(409);
    await ctx.services.jobs.runDue('test');
    expect(
      (await outboxFor(ctx, user.email)).filter((m) => m.subject === 'Update on your appointment request'),
    ).toHaveLength(2);
  });
});

describe('organization scheduling settings', () => {
  it('an admin shortens the cancellation cut-off and patients can then cancel closer to the visit', async () => {
    const orgId = await createOrganization(ctx.database);
    const local = await createClinician(ctx, { orgId });
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin', { orgId })).email);
    expect((await admin.inject('GET', `/api/organizations/${orgId}/scheduling-settings`)).json()).toMatchObject({
      cancellationCutoffHours: 24,
      reminderOffsetsMinutes: [1440, 60],
      checkInOpensMinutes: 30,
    });
    const bad = await admin.inject('PUT', `/api/organizations/${orgId}/scheduling-settings`, {
      cancellationCutoffHours: -1,
      reminderOffsetsMinutes: [60],
      checkInOpensMinutes: 30,
      minNoticeMinutes: 0,
      bookingHorizonDays: 30,
      emailShowsClinician: false,
    });
    expect(bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cancellationCutoffHours' }] });
    const saved = await admin.inject('PUT', `/api/organizations/${orgId}/scheduling-settings`, {
      cancellationCutoffHours: 1,
      reminderOffsetsMinutes: [120],
      checkInOpensMinutes: 15,
      minNoticeMinutes: 0,
      bookingHorizonDays: 30,
      emailShowsClinician: true,
    });
    expect(saved.json()).toMatchObject({
      cancellationCutoffHours: 1,
      checkInOpensMinutes: 15,
      emailShowsClinician: true,
    });

    const { user, agent } = await patientAgent();
    const tonight = clinicTime(0, '19:30');
    const soon = new Date(tonight).getTime() > Date.now() + 3 * 3_600_000 ? tonight : clinicTime(1, '08:00');
    const appt = (
      await agent.inject('POST', '/api/appointments', {
        clinicianId: local.id,
        visitTypeId: local.followUpId,
        start: soon,
      })
    ).json();
    expect(appt.patientCanChange).toBe(true);
    expect(new Date(appt.checkInOpensAt).getTime()).toBe(new Date(soon).getTime() - 15 * 60_000);
    await ctx.services.jobs.runDue('test');
    // This organization opted in to naming the clinician in emails.
    expect((await outboxFor(ctx, user.email)).find((m) => m.subject === 'Your appointment is booked')?.text).toMatch(
      /video visit with Ana Heart/,
    );
    expect((await agent.inject('POST', `/api/appointments/${appt.id}/cancel`, {})).statusCode).toBe(200);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId })).email);
    expect((await staff.inject('GET', `/api/organizations/${orgId}/scheduling-settings`)).statusCode).toBe(403);
  });
});
