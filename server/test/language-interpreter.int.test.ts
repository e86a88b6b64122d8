import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, GuestInvite, GuestVisit, QueueList, SessionInfo, SessionState } from '@portico/contracts';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import { clinicTime, createClinician, type TestClinician } from './scheduling-fixtures.js';
import { GOOD_CHECK_IN, createVisit } from './visit-fixtures.js';

let ctx: TestContext;
let clinician: TestClinician;
beforeAll(async () => {
  ctx = await createTestContext();
  clinician = await createClinician(ctx);
});
afterAll(async () => ctx?.close());

describe('the account language', () => {
  it('a clinician or staff member keeps the language they chose, into their next sign-in', async () => {
    for (const role of ['clinician', 'staff'] as const) {
      const user = await createUser(ctx, role);
      const agent = await signIn(ctx.app, user.email);
      const before = await agent.inject('GET', '/api/auth/session');
      expect(before.json<SessionState>().session?.user.language).toBeNull();

      const saved = await agent.inject('PUT', '/api/auth/language', { language: 'zh-Hans' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<SessionInfo>().user.language).toBe('zh-Hans');

      // A new sign-in (another device) gets it back.
      const again = await signIn(ctx.app, user.email);
      const after = await again.inject('GET', '/api/auth/session');
      expect(after.json<SessionState>().session?.user.language).toBe('zh-Hans');
    }
  });

  it("a patient's account keeps the language they chose, apart from the record's care-team language", async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    expect((await agent.inject('GET', '/api/auth/session')).json<SessionState>().session?.user.language).toBeNull();
    expect((await agent.inject('PUT', '/api/auth/language', { language: 'pt-BR' })).statusCode).toBe(200);
    const again = await signIn(ctx.app, user.email);
    expect((await again.inject('GET', '/api/auth/session')).json<SessionState>().session?.user.language).toBe('pt-BR');
    // The record's preferred language is the profile's to change; the account's choice leaves it.
    expect((await again.inject('GET', '/api/profile')).json()).toMatchObject({ preferredLanguage: 'en' });
  });

  it('refuses a value that is not a language tag, changing nothing, and needs a session', async () => {
    const user = await createUser(ctx, 'staff');
    const agent = await signIn(ctx.app, user.email);
    await agent.inject('PUT', '/api/auth/language', { language: 'es' });
    const bad = await agent.inject('PUT', '/api/auth/language', { language: 'Spanish; DROP' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
    expect((await agent.inject('GET', '/api/auth/session')).json<SessionState>().session?.user.language).toBe('es');
    const anonymous = await ctx.app.inject({ method: 'PUT', url: '/api/auth/language', payload: { language: 'es' } });
    expect([401, 403]).toContain(anonymous.statusCode);
  });
});

describe('interpreters', () => {
  it('booking stores the interpreter language on the appointment, and a reschedule keeps it', async () => {
    const user = await createUser(ctx, 'patient');
    const agent = await signIn(ctx.app, user.email);
    const booked = await agent.inject('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.followUpId,
      start: clinicTime(6, '10:00'),
      interpreterLanguage: 'pt',
    });
    expect(booked.statusCode).toBe(201);
    const appointment = booked.json<Appointment>();
    expect(appointment.interpreterLanguage).toBe('pt');

    const moved = await agent.inject('POST', `/api/appointments/${appointment.id}/reschedule`, {
      start: clinicTime(6, '11:00'),
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<Appointment>().interpreterLanguage).toBe('pt');

    const without = await agent.inject('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.followUpId,
      start: clinicTime(6, '13:00'),
    });
    expect(without.json<Appointment>().interpreterLanguage).toBeNull();

    const bad = await agent.inject('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.followUpId,
      start: clinicTime(6, '14:00'),
      interpreterLanguage: 'Portuguese',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('check-in answers the question again; the day list and the visit show the answer', async () => {
    const v = await createVisit(ctx);
    await ctx.database.db
      .updateTable('appointments')
      .set({ interpreter_language: 'ht' })
      .where('id', '=', v.appointmentId)
      .execute();
    const dayList = async () =>
      (await v.clinician.inject('GET', v.queuePath))
        .json<QueueList>()
        .visits.find((e) => e.appointmentId === v.appointmentId);
    expect((await dayList())?.interpreterLanguage).toBe('ht');
    const view = await v.patient.inject('GET', `/api/visits/${v.appointmentId}`);
    expect(view.json()).toMatchObject({ interpreterLanguage: 'ht' });

    const checkIn = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, {
      ...GOOD_CHECK_IN,
      interpreterLanguage: 'vi',
    });
    expect(checkIn.statusCode).toBe(200);
    const entry = await dayList();
    expect(entry?.interpreterLanguage).toBe('vi');
    expect(entry?.checkIn?.interpreterLanguage).toBe('vi');

    // Checking in again without an interpreter clears it everywhere.
    await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, GOOD_CHECK_IN);
    expect((await dayList())?.interpreterLanguage).toBeNull();
    const appointment = await v.patient.inject('GET', `/api/appointments/${v.appointmentId}`);
    expect(appointment.json<Appointment>().interpreterLanguage).toBeNull();
  });

  it('an invitation link carries the page language chosen when it was made', async () => {
    const v = await createVisit(ctx);
    const created = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/guests`, {
      kind: 'interpreter',
      label: 'Interpreter',
      language: 'es',
      pageLanguage: 'es',
    });
    expect(created.statusCode).toBe(201);
    const invite = created.json<GuestInvite>();
    expect(invite).toMatchObject({ language: 'es', pageLanguage: 'es' });
    expect(invite.link).toMatch(/\/visit\/join\?lang=es#[A-Za-z0-9_-]{22}$/);
    const token = invite.link?.split('#')[1] ?? '';
    const claimed = await ctx.app.inject({
      method: 'POST',
      url: '/api/visits/guest/claim',
      payload: { token, name: 'Rosa' },
    });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json<GuestVisit>().pageLanguage).toBe('es');

    const plain = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/guests`, {
      kind: 'guest',
      label: 'Daughter',
    });
    expect(plain.json<GuestInvite>()).toMatchObject({ pageLanguage: null });
    expect(plain.json<GuestInvite>().link).toMatch(/\/visit\/join#/);

    const bad = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/guests`, {
      kind: 'guest',
      label: 'Son',
      pageLanguage: 'spanish',
    });
    expect(bad.statusCode).toBe(400);
  });
});
