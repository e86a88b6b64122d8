import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, openChromiumPage, openFirefoxPage, type Driver, type OpenedPage } from './drive.js';
import {
  DESKTOP,
  enrolledPatient,
  FAKE_MEDIA_ARGS,
  launchChromium,
  PHONE,
  screenshotDir,
  startPortico,
  type Portico,
} from './harness.js';
import { checkIn, expectMediaFlowing, expectMuteAndCameraOffSeen, signInAt, statsOf } from './visit-drive.js';
import { expectVideoRecorded, visitHelpers } from './visit-helpers.js';

/**
 * Video visits across browsers: the patient in Firefox (driven over WebDriver BiDi) with the
 * clinician in Chromium, then the other way round. One visit per scenario, one browser of each
 * kind for the file; every wait is for a condition.
 */
let portico: Portico;
let chromium: Browser;
let firefox: FirefoxBrowser;
let shots: string;

beforeAll(async () => {
  [portico, chromium, firefox] = await Promise.all([
    startPortico(),
    launchChromium({ args: FAKE_MEDIA_ARGS }),
    launchFirefox(),
  ]);
  shots = await screenshotDir();
}, 240_000);

afterAll(async () => {
  await firefox?.close();
  await chromium?.close();
  await portico?.close();
});

const { addVideoVisit } = visitHelpers(() => ({ portico, browser: chromium }));
const CLINICIAN = 'Priya Raman';

const opened: OpenedPage[] = [];
async function open(kind: 'chromium' | 'firefox', viewport: { width: number; height: number }): Promise<Driver> {
  const page =
    kind === 'chromium'
      ? await openChromiumPage(chromium, portico.origin, viewport)
      : await openFirefoxPage(firefox, viewport);
  opened.push(page);
  return page.driver;
}
const made: string[] = [];
async function closeAll(): Promise<void> {
  for (const page of opened.splice(0)) await page.close().catch(() => undefined);
  const ids = made.splice(0);
  if (ids.length === 0) return;
  // Only for cleanup: a visit left open by a failed test must not hold the clinician's time.
  await portico.database.db
    .updateTable('appointments')
    .set({ status: 'cancelled' })
    .where('id', 'in', ids)
    .where('status', 'in', ['booked', 'arrived', 'checked-in'])
    .execute();
}

/** A new patient with a video visit with Priya Raman soon; signed in (on a phone) and checked in. */
async function patientCheckedIn(kind: 'chromium' | 'firefox', givenName: string, phone: string) {
  const account = await enrolledPatient(portico.origin, givenName);
  const appointmentId = await addVideoVisit({ clinicianEmail: 'clinician@example.org' }, account.email);
  made.push(appointmentId);
  const p = await open(kind, PHONE);
  await signInAt(p, portico.origin, `/visits/${appointmentId}`, account.email, account.password);
  await checkIn(p, phone);
  return { p, appointmentId, name: `${givenName} Testperson` };
}

/** The clinician (on a desktop) opens the visit's call page and lets the patient in. */
async function clinicianAdmits(kind: 'chromium' | 'firefox', appointmentId: string, patientName: string) {
  const c = await open(kind, DESKTOP);
  await signInAt(c, portico.origin, `/visits/${appointmentId}/call`, 'clinician@example.org');
  await c.waitForRole('heading', `Visit with ${patientName}`);
  await c.click('button', `Let ${patientName} in`);
  return c;
}

async function endVisit(c: Driver, p: Driver, appointmentId: string): Promise<void> {
  await expectVideoRecorded(portico, appointmentId);
  await c.check(/Visit completed/);
  await c.click('button', 'End visit');
  await c.waitForText('Outcome: Completed by video');
  await p.waitForRole('heading', 'Your visit has ended');
}

describe('virtual visit across Chromium and Firefox', () => {
  it(
    'patient in Firefox, clinician in Chromium: device check, waiting room, two-way media, mute and camera off, a Firefox guest, then phone',
    { timeout: 300_000 },
    async () => {
      try {
        const patient = await patientCheckedIn('firefox', 'Florence', '617-555-0181');
        const p = patient.p;

        // The device check, run in Firefox, passes and lets go of the camera for the visit.
        await p.click('button', 'Check my camera, microphone and connection');
        await p.click('button', 'Start the check');
        await p.waitUntil(`document.querySelector('[data-result]')?.getAttribute('data-result') === 'ready'`, {
          timeout: 60_000,
        });
        // Firefox lists no speakers to pages until one is picked in its own prompt: the check
        // offers that prompt instead of an empty list (web/src/features/visit/rtc/browserMedia.ts).
        await p.waitForRole('button', 'Choose a speaker or headphones');
        await p.screenshot(join(shots, 'firefox-1-device-check.png'));
        await p.click('button', 'Start my video visit');
        await p.waitForRole('heading', 'You are in the waiting room');
        await p.waitUntil(`(document.querySelector('.vi-self__video')?.videoWidth ?? 0) > 0`);

        const c = await clinicianAdmits('chromium', patient.appointmentId, patient.name);
        await expectMediaFlowing(p, CLINICIAN);
        await expectMediaFlowing(c, patient.name);
        await p.screenshot(join(shots, 'firefox-2-call-patient.png'));

        // Each side's mute and camera-off reach the other browser (flags shown, silence heard).
        await expectMuteAndCameraOffSeen(p, c, patient.name);
        await expectMuteAndCameraOffSeen(c, p, CLINICIAN);

        // A guest joins from Firefox by the invitation link; all three see and hear each other.
        await c.select('Who', 'guest');
        await c.fill('Name or description', 'Husband');
        await c.click('button', 'Create invitation link');
        await c.waitForText('Invitation link for Husband');
        const link = await c.evaluate<string>(
          `[...document.querySelectorAll('input')].find((i) => i.value.includes('/visit/join?'))?.value ?? ''`,
        );
        expect(link).toMatch(new RegExp(`^${portico.origin}/visit/join\\?lang=en#[A-Za-z0-9_-]{20,}$`));
        await c.click('button', 'Done');
        const g = await open('firefox', PHONE);
        await g.goto(link);
        await g.waitForRole('heading', 'Join a visit');
        await g.fill('Your name', 'Arthur Testperson');
        await g.click('button', 'Join the visit');
        await g.waitForRole('heading', 'Please wait');
        await c.click('button', 'Let Arthur Testperson in');
        await expectMediaFlowing(g, CLINICIAN, patient.name);
        await expectMediaFlowing(p, CLINICIAN, 'Arthur Testperson');
        await expectMediaFlowing(c, patient.name, 'Arthur Testperson');
        await g.screenshot(join(shots, 'firefox-3-guest.png'));
        // Firefox picked a relay-free path on this machine, and its stats name the selected pair.
        for (const s of await statsOf(g)) expect(s.route, `guest route to ${s.id}`).not.toBeNull();

        // Video trouble: the clinician switches to phone; the Firefox patient sees the number at once.
        await c.fill("Patient's phone number", '617-555-0182');
        await c.click('button', 'Switch to phone');
        await p.waitForText(`${CLINICIAN} will call you at 617-555-0182. Keep your phone close.`);
        await p.screenshot(join(shots, 'firefox-4-phone.png'));

        await endVisit(c, p, patient.appointmentId);
        for (const d of [p, c, g]) expect(d.pageErrors, `${d.browser} page errors`).toEqual([]);
      } finally {
        await closeAll();
      }
    },
  );

  it(
    'patient in Chromium, clinician in Firefox: waiting room, admit, two-way media, mute and camera off',
    { timeout: 240_000 },
    async () => {
      try {
        const patient = await patientCheckedIn('chromium', 'Gilbert', '617-555-0183');
        const p = patient.p;
        await p.click('button', 'Start my video visit');
        await p.waitForRole('heading', 'You are in the waiting room');

        const c = await clinicianAdmits('firefox', patient.appointmentId, patient.name);
        await p.waitForRole('heading', 'You are in the waiting room', { gone: true });
        await expectMediaFlowing(c, patient.name);
        await expectMediaFlowing(p, CLINICIAN);
        await c.screenshot(join(shots, 'firefox-5-call-clinician.png'));

        await expectMuteAndCameraOffSeen(p, c, patient.name);
        await expectMuteAndCameraOffSeen(c, p, CLINICIAN);

        await endVisit(c, p, patient.appointmentId);
        for (const d of [p, c]) expect(d.pageErrors, `${d.browser} page errors`).toEqual([]);
      } finally {
        await closeAll();
      }
    },
  );
});
