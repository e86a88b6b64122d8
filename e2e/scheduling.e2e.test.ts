import type { ClinicianCard, ClinicianSchedule, DirectoryFacets } from '@portico/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, DEMO_PASSWORD, launchChromium, newContext, PHONE, startPortico, type Portico } from './harness.js';
import { expectHeadingFocused, expectOnlyOurOrigin, unnamedControls } from './page-checks.js';

let portico: Portico;
let browser: Browser;
let clinician: ClinicianCard;
const CLINICIAN_NAME = 'Inés Valderrama, MD';

/**
 * The demo's Spanish-speaking cardiologist keeps weekday hours; the front desk adds a second one
 * through the API with a follow-up video visit type and hours every day, so the test never
 * depends on which weekday it runs.
 */
async function addSpanishSpeakingCardiologist(origin: string): Promise<ClinicianCard> {
  const staff = await apiSignIn(origin, 'staff@example.org', DEMO_PASSWORD);
  const organizationId = staff.session.user.organizationId;
  if (!organizationId) throw new Error('the demo staff account has no organization');
  const facets = await staff.request<DirectoryFacets>('GET', '/api/directory/facets');
  const area = facets.clinicalAreas.find((a) => a.serviceLineCode === 'cardiac' && a.organizationId === organizationId);
  const created = await staff.request<ClinicianCard>('POST', '/api/directory/clinicians', {
    organizationId,
    givenName: 'Inés',
    familyName: 'Valderrama',
    credentials: 'MD',
    specialty: 'Cardiology',
    serviceLineCode: 'cardiac',
    languages: ['en', 'es'],
    licensedStates: ['MA'],
    visitModes: ['video', 'phone'],
    acceptingNewPatients: true,
    selfScheduling: true,
    bio: 'Cardiologist. Sees patients by video and phone, in English and Spanish.',
    clinicalAreaIds: area ? [area.id] : [],
  });
  await staff.request<ClinicianSchedule>('POST', `/api/clinicians/${created.id}/visit-types`, {
    name: 'Follow-up video visit',
    mode: 'video',
    durationMinutes: 30,
    bufferMinutes: 0,
    newPatient: false,
  });
  await staff.request<ClinicianSchedule>('PUT', `/api/clinicians/${created.id}/schedule/weekly`, {
    windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  });
  return created;
}

beforeAll(async () => {
  portico = await startPortico();
  browser = await launchChromium();
  clinician = await addSpanishSpeakingCardiologist(portico.origin);
  // The runner is not started in tests: fill in "next available" now.
  await portico.services.jobs.runDue('e2e-scheduling');
});

/** Pages to the next week of open times and waits until it is shown (not the week before). */
async function laterDates(page: Page): Promise<void> {
  const range = page.getByText(/^Open times from/);
  const before = await range.textContent();
  await page.getByRole('button', { name: 'Later dates' }).click();
  await expect.poll(() => range.textContent()).not.toBe(before);
}

afterAll(async () => {
  await browser?.close();
  await portico?.close();
});

async function expectEveryControlNamed(page: Page): Promise<void> {
  expect(await unnamedControls(page)).toEqual([]);
}

/** Emails Portico has put in its outbox since `since` for one address, with their attachments. */
async function mailSince(to: string, since: Date): Promise<{ subject: string; attachments: unknown }[]> {
  return portico.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'attachments'])
    .where('to_address', '=', to)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'asc')
    .execute();
}

function calendarFiles(attachments: unknown): { filename: string; contentType: string; content: string }[] {
  const parsed: unknown = typeof attachments === 'string' ? JSON.parse(attachments) : attachments;
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) =>
    typeof item === 'object' &&
    item !== null &&
    'filename' in item &&
    'contentType' in item &&
    'content' in item &&
    typeof item.filename === 'string' &&
    typeof item.contentType === 'string' &&
    typeof item.content === 'string'
      ? [{ filename: item.filename, contentType: item.contentType, content: item.content }]
      : [],
  );
}

describe('finding a doctor and booking a virtual visit', () => {
  it('finds a Spanish-speaking cardiologist, books a video visit, moves it and cancels it (phone)', async () => {
    const startedAt = new Date(Date.now() - 1000);
    const { context, log } = await newContext(browser, portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();

    // 1. Public search with the filters, folded away on a phone until asked for.
    await page.goto(`${portico.origin}/find-a-doctor`);
    await page.getByRole('heading', { level: 1, name: 'Find a virtual visit doctor' }).waitFor();
    const status = page.locator('main [role="status"][aria-live="polite"]');
    await expect.poll(() => status.textContent()).toMatch(/clinicians found/);
    await expect.poll(() => page.getByLabel('Service line').isVisible()).toBe(false);
    await page.getByRole('button', { name: /Show filters/ }).click();
    await page.getByLabel('Service line').selectOption({ label: 'Cardiac' });
    await page.getByLabel('Language spoken').selectOption({ label: 'Spanish' });
    await page.getByLabel('Type of visit').selectOption({ label: 'Video' });
    await expectEveryControlNamed(page);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('2 clinicians found.');
    const query = new URL(page.url()).searchParams;
    expect(Object.fromEntries(query)).toEqual({ serviceLine: 'cardiac', language: 'es', visitMode: 'video' });
    const result = page.getByRole('link', { name: CLINICIAN_NAME });
    await result.waitFor();

    // 2. The clinician's page: pick the video visit type and a time a week or more ahead, so
    // the visit stays outside the 24-hour cut-off for changing it online.
    await result.click();
    await expectHeadingFocused(page, CLINICIAN_NAME);
    expect(new URL(page.url()).pathname).toBe(`/find-a-doctor/${clinician.id}`);
    await page.getByRole('radio', { name: /Follow-up video visit/ }).check();
    await page.getByText(/^Open times from/).waitFor();
    await laterDates(page);
    // Each time is a real button named with its day and time.
    const slotName =
      /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2} at \d{1,2}:\d{2}\s?[AP]M/;
    const slots = page.getByRole('button', { name: slotName });
    // The later week loads after the click: wait for its times rather than counting the old ones.
    await expect.poll(() => slots.count()).toBeGreaterThan(3);
    await expectEveryControlNamed(page);
    await slots.first().click();

    // 3. Signed out: off to sign in, and back to the confirmation afterwards.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const signInUrl = new URL(page.url());
    expect(signInUrl.pathname).toBe('/signin');
    expect(signInUrl.searchParams.get('next')).toMatch(/^\/appointments\/book\?clinician=/);
    await page.getByLabel('Email', { exact: true }).fill('patient@example.org');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectHeadingFocused(page, 'Confirm your visit');
    expect(new URL(page.url()).pathname).toBe('/appointments/book');
    await page.getByText(CLINICIAN_NAME).waitFor();

    // 4. Confirm, with an Idempotency-Key on the request.
    await page.getByLabel(/What would you like to talk about/).fill('Palpitations at night');
    await expectEveryControlNamed(page);
    const [booking] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/appointments' && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Confirm booking' }).click(),
    ]);
    expect(booking.status()).toBe(201);
    expect(booking.request().headers()['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    await page.getByText(/Your visit is booked/).waitFor();
    // What it will cost her: her plan's video visit co-pay, before the visit.
    await page.getByRole('heading', { name: 'What this visit will cost you' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Expected charge: $25.00');
    const bookedPath = new URL(page.url()).pathname;
    expect(bookedPath).toMatch(/^\/appointments\/[0-9a-f-]{36}$/);

    // 5. It is on the appointments page, with what to do next.
    await page.getByRole('link', { name: 'All appointments' }).click();
    await page.getByRole('heading', { level: 2, name: 'Upcoming visits' }).waitFor();
    const upcoming = page.locator('section', { has: page.getByRole('heading', { name: 'Upcoming visits' }) });
    const item = upcoming.getByRole('listitem').filter({ hasText: 'Inés Valderrama' });
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Check-in opens 30 minutes before/);
    expect(await item.textContent()).toMatch(/Video visit/);

    // 6. Move it to another time.
    await item.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /with Inés Valderrama/ }).waitFor();
    await page.getByRole('button', { name: 'Change the time' }).click();
    await page.getByText(/^Open times from/).waitFor();
    await laterDates(page);
    await page.getByRole('button', { name: slotName }).nth(2).click();
    await page.getByRole('heading', { name: 'Move your visit?' }).waitFor();
    await expectEveryControlNamed(page);
    const [moved] = await Promise.all([
      page.waitForResponse((r) => /\/api\/appointments\/[^/]+\/reschedule$/.test(new URL(r.url()).pathname)),
      page.getByRole('button', { name: 'Move my visit' }).click(),
    ]);
    expect(moved.status()).toBe(200);
    await page.getByText(/Your visit has a new time/).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(bookedPath);

    // 7. Cancel it, after a confirm step.
    await page.getByRole('button', { name: 'Cancel this visit' }).click();
    await page.getByRole('heading', { name: 'Cancel this visit?' }).waitFor();
    await page.getByLabel(/Why are you cancelling/).fill('Feeling better');
    await expectEveryControlNamed(page);
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => /\/api\/appointments\/[^/]+\/cancel$/.test(new URL(r.url()).pathname)),
      page.getByRole('button', { name: 'Yes, cancel my visit' }).click(),
    ]);
    expect(cancelled.status()).toBe(200);
    await page.getByText(/Your visit is cancelled/).waitFor();
    await page.getByRole('link', { name: 'All appointments' }).click();
    await page.getByRole('heading', { level: 2, name: 'Past and cancelled visits' }).waitFor();
    // The list may show what it had cached for a moment while it refreshes.
    const upcomingNow = page.locator('section', { has: page.getByRole('heading', { name: 'Upcoming visits' }) });
    await expect.poll(() => upcomingNow.textContent()).not.toMatch(/Inés Valderrama/);

    await context.close();
    expectOnlyOurOrigin(log);

    // 8. The emails: booked, changed, cancelled, each with a calendar file.
    await portico.services.jobs.runDue('e2e-scheduling');
    const mail = await mailSince('patient@example.org', startedAt);
    const subjects = mail.map((m) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'Your appointment is booked',
        'Your appointment has changed',
        'Your appointment is cancelled',
      ]),
    );
    for (const subject of [
      'Your appointment is booked',
      'Your appointment has changed',
      'Your appointment is cancelled',
    ]) {
      const message = mail.find((m) => m.subject === subject);
      const [ics] = calendarFiles(message?.attachments);
      expect(ics?.filename).toMatch(/\.ics$/);
      expect(ics?.contentType).toMatch(/^text\/calendar/);
      expect(ics?.content).toContain('BEGIN:VCALENDAR');
      expect(ics?.content).toContain(subject.endsWith('cancelled') ? 'METHOD:CANCEL' : 'BEGIN:VEVENT');
    }
  });

  it('suggests which filter to drop when nothing matches, and applies it in one tap', async () => {
    const { context, log } = await newContext(browser, portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    // A shared link with a search that finds nobody: Spanish-speaking cardiology in Vermont.
    await page.goto(`${portico.origin}/find-a-doctor?serviceLine=cardiac&language=es&state=VT`);
    const status = page.locator('main [role="status"][aria-live="polite"]');
    await expect.poll(() => status.textContent()).toBe('No clinicians match this search.');
    const drop = page.getByRole('button', { name: /Remove “licensed state: Vermont”/ });
    await drop.click();
    await expect.poll(() => status.textContent()).toBe('2 clinicians found.');
    expect(new URL(page.url()).searchParams.get('state')).toBeNull();
    await page.getByRole('link', { name: CLINICIAN_NAME }).waitFor();
    // Back returns to the earlier search, as the address holds it.
    await page.goBack();
    await expect.poll(() => status.textContent()).toBe('No clinicians match this search.');
    await context.close();
    expectOnlyOurOrigin(log);
  });
});
