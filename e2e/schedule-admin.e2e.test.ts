import type {
  Appointment,
  AppointmentRequest,
  ClinicianDetail,
  DirectoryResult,
  PatientList,
  SchedulingSettings,
  StaffAppointmentList,
} from '@portico/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  DEMO_PASSWORD,
  DESKTOP,
  enrolledPatient,
  launchChromium,
  newContext,
  newPatientDetails,
  PHONE,
  registerPatientWithCode,
  startPortico,
  type ApiClient,
  type Portico,
  type RequestLog,
} from './harness.js';

let portico: Portico;
let browser: Browser;
let staff: ApiClient;

beforeAll(async () => {
  portico = await startPortico();
  browser = await launchChromium();
  staff = await apiSignIn(portico.origin, 'staff@example.org', DEMO_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await portico?.close();
});

async function signedInPage(email: string, viewport: { width: number; height: number }) {
  const { context, log } = await newContext(browser, portico.origin, viewport);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${portico.origin}/signin`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${portico.origin}/`);
  return { page, log };
}

async function finish(page: Page, log: RequestLog): Promise<void> {
  await page.context().close();
  expect(log.pageErrors).toEqual([]);
  expect(log.offOrigin()).toEqual([]);
}

/** A Harbor General clinician (staff's organization) with the wanted booking mode and a video visit type. */
async function generalClinician(selfScheduling: boolean): Promise<{ id: string; name: string; videoTypeId: string }> {
  const list = await staff.request<DirectoryResult>('GET', '/api/directory/manage/clinicians?pageSize=50');
  for (const card of list.clinicians) {
    if (card.selfScheduling !== selfScheduling || !card.visitModes.includes('video')) continue;
    const detail = await staff.request<ClinicianDetail>('GET', `/api/directory/manage/clinicians/${card.id}`);
    const video = detail.visitTypes.find((v) => v.mode === 'video' && v.active);
    if (detail.active && video)
      return { id: card.id, name: `${card.givenName} ${card.familyName}`, videoTypeId: video.id };
  }
  throw new Error(`no Harbor General clinician with selfScheduling=${selfScheduling} and a video visit type`);
}

describe('care team scheduling', () => {
  it('staff book a video visit, lose a race, see it on the day, move it and cancel it (phone)', async () => {
    const clinician = await generalClinician(true);
    const demo = (await staff.request<PatientList>('GET', '/api/patients?q=Whitfield')).patients[0];
    if (!demo) throw new Error('demo patient Eleanor Whitfield missing');
    // Someone else at the front desk, booking for another patient at the same moment.
    const other = await registerPatientWithCode(staff, newPatientDetails('Racer'));

    const { page, log } = await signedInPage('staff@example.org', PHONE);
    await page
      .getByRole('main')
      .getByRole('link', { name: /^Schedule/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
    await page.getByRole('button', { name: 'Book a visit' }).click();
    const panel = page.locator('#book-panel');
    await panel.getByLabel('Find the patient').fill('Whitfield');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.getByRole('button', { name: /^Choose Whitfield, Eleanor/ }).click();
    await panel.getByLabel('Clinician', { exact: true }).selectOption(clinician.id);
    await panel.getByLabel('Visit type').selectOption(clinician.videoTypeId);
    const times = panel.getByRole('group', { name: /^Times on/ });
    await times.locator('label').first().click();
    const chosen = await times.getByRole('radio').first().getAttribute('value');
    if (!chosen) throw new Error('no open time offered');

    // The other booking wins the race for that time.
    await staff.request('POST', '/api/appointments', {
      clinicianId: clinician.id,
      visitTypeId: clinician.videoTypeId,
      start: chosen,
      patientId: other.patient.id,
    });
    const [lost] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/appointments' && r.request().method() === 'POST'),
      panel.getByRole('button', { name: 'Book visit' }).click(),
    ]);
    expect(lost.status()).toBe(409);
    await page.getByRole('alert').filter({ hasText: 'Someone else just booked that time' }).waitFor();
    const offered = panel.getByRole('group', { name: 'Next open times' });
    await offered.waitFor();
    await offered.locator('label').first().click();

    const [booked] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/appointments' && r.request().method() === 'POST'),
      panel.getByRole('button', { name: 'Book visit' }).click(),
    ]);
    expect(booked.status()).toBe(201);
    expect(booked.request().headers()['idempotency-key']).toMatch(/.{8,}/);
    const appointment = (await booked.json()) as Appointment;
    expect(appointment.mode).toBe('video');
    expect(appointment.patientId).toBe(demo.id);
    await page
      .getByRole('status')
      .filter({ hasText: /^Booked: Eleanor Whitfield/ })
      .waitFor();

    // The day view now shows that day, with the visit on it.
    const card = page.getByRole('listitem').filter({ hasText: 'Eleanor Whitfield' }).filter({ hasText: 'Video' });
    await card.waitFor();
    expect(await card.textContent()).toContain(clinician.name);
    expect(await card.getByText('Booked', { exact: true }).isVisible()).toBe(true);

    // Move it to another open time.
    await card.getByRole('button', { name: /^Move/ }).click();
    const moveTimes = card.getByRole('group', { name: /^Times on/ });
    // The visit's own time is not offered, so the first open time is another one. (Not the second:
    // late in the clinic's day the first day shown may have one open time left.)
    await moveTimes.locator('label').first().click();
    const [moved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/appointments/${appointment.id}/reschedule`)),
      card.getByRole('button', { name: 'Move visit' }).click(),
    ]);
    expect(moved.status()).toBe(200);
    const movedAppointment = (await moved.json()) as Appointment;
    expect(movedAppointment.start).not.toBe(appointment.start);
    await page
      .getByRole('status')
      .filter({ hasText: /^Moved: Eleanor Whitfield/ })
      .waitFor();

    // Cancel it, with a reason, after the confirm step.
    // A move books a new appointment and cancels the old one: until the day list refetches, the
    // old card still reads "Booked". Act on the new visit's own card (CI caught a click on the old one).
    const movedCard = page.locator(`li[aria-labelledby="appt-${movedAppointment.id}"]`);
    await movedCard.waitFor();
    await movedCard.getByRole('button', { name: /^Cancel/ }).click();
    const reason = movedCard.getByLabel('Reason (optional)');
    await reason.fill('Clinician unwell');
    await movedCard.getByRole('button', { name: 'Yes, cancel the visit' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Cancelled: the visit of Eleanor Whitfield/ })
      .waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Eleanor Whitfield' }).waitFor({ state: 'detached' });

    const date = new Intl.DateTimeFormat('en-CA', { timeZone: movedAppointment.timeZone }).format(
      new Date(movedAppointment.start),
    );
    const day = await staff.request<StaffAppointmentList>(
      'GET',
      `/api/schedule/appointments?date=${date}&patientId=${demo.id}`,
    );
    const statuses = day.appointments.map((a) => a.status);
    expect(statuses).not.toContain('booked');
    expect(day.appointments.find((a) => a.id === movedAppointment.id)?.cancelReason).toBe('Clinician unwell');
    await finish(page, log);
  }, 120_000);

  it('staff decline one appointment request and book another (desktop)', async () => {
    const clinician = await generalClinician(false);
    const account = await enrolledPatient(portico.origin, 'Ruth');
    const patient = await apiSignIn(portico.origin, account.email, account.password);
    const ask = (reason: string) =>
      patient.request<AppointmentRequest>('POST', '/api/appointment-requests', {
        clinicianId: clinician.id,
        visitTypeId: clinician.videoTypeId,
        preferredTimes: 'Weekday mornings',
        reason,
      });
    const toDecline = await ask('Knee pain');
    const toBook = await ask('Follow-up on tests');

    const { page, log } = await signedInPage('staff@example.org', DESKTOP);
    await page.goto(`${portico.origin}/schedule/requests`);
    await page.getByRole('heading', { level: 1, name: 'Appointment requests' }).waitFor();
    const first = page.getByRole('listitem').filter({ hasText: 'Knee pain' });
    await first.getByRole('button', { name: /^Decline/ }).click();
    await first.getByLabel('Message to the patient').fill('Please call the office to find a time.');
    await first.getByRole('button', { name: 'Decline the request' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Declined the request of Ruth/ })
      .waitFor();
    await first.waitFor({ state: 'detached' });

    const second = page.getByRole('listitem').filter({ hasText: 'Follow-up on tests' });
    await second.getByRole('button', { name: /^Book a time/ }).click();
    await second
      .getByRole('group', { name: /^Times on/ })
      .locator('label')
      .first()
      .click();
    await second.getByRole('button', { name: 'Book this time' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Booked the request of Ruth/ })
      .waitFor();

    const mine = await patient.request<{ requests: AppointmentRequest[] }>('GET', '/api/appointment-requests');
    const byId = new Map(mine.requests.map((r) => [r.id, r]));
    expect(byId.get(toDecline.id)?.status).toBe('declined');
    expect(byId.get(toDecline.id)?.staffMessage).toBe('Please call the office to find a time.');
    expect(byId.get(toBook.id)?.status).toBe('booked');
    expect(byId.get(toBook.id)?.appointmentId).toBeTruthy();
    await finish(page, log);
  }, 120_000);

  it('an admin changes the cancellation cut-off; a bad value shows a field error (phone)', async () => {
    const { page, log } = await signedInPage('admin@example.org', PHONE);
    await page.goto(`${portico.origin}/admin/scheduling-settings`);
    await page.getByRole('heading', { level: 1, name: 'Scheduling settings' }).waitFor();
    const cutoff = page.getByLabel('Cancellation cut-off, in hours');
    await cutoff.fill('48');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/scheduling-settings') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    const organizationId = new URL(saved.url()).pathname.split('/')[3] ?? '';
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();

    await page.reload();
    await page.getByLabel('Cancellation cut-off, in hours').waitFor();
    expect(await page.getByLabel('Cancellation cut-off, in hours').inputValue()).toBe('48');

    await page.getByLabel('Cancellation cut-off, in hours').fill('400');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/scheduling-settings') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    const summary = page.getByRole('alert').filter({ hasText: 'Enter a whole number of hours from 0 to 336' });
    await summary.waitFor();
    expect(await page.locator('.field__error').filter({ hasText: 'from 0 to 336' }).count()).toBe(1);
    const description = await page.getByLabel('Cancellation cut-off, in hours').getAttribute('aria-describedby');
    expect(description).toContain('error');

    const admin = await apiSignIn(portico.origin, 'admin@example.org', DEMO_PASSWORD);
    const stored = await admin.request<SchedulingSettings>(
      'GET',
      `/api/organizations/${organizationId}/scheduling-settings`,
    );
    expect(stored.cancellationCutoffHours).toBe(48);
    await finish(page, log);
  }, 90_000);
});
