import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { expectRemoteVideoPlaying, expectVideoRecorded, visitHelpers } from './visit-helpers.js';

let portico: Portico;
let browser: Browser;
let shots: string;

beforeAll(async () => {
  portico = await startPortico();
  browser = await launchChromium({ args: FAKE_MEDIA_ARGS });
  shots = await screenshotDir();
});

afterAll(async () => {
  await browser?.close();
  await portico?.close();
});

const { addVideoVisit, openSignedIn, newPage } = visitHelpers(() => ({ portico, browser }));

describe('virtual visit', () => {
  it('checks in, waits, is told of a delay, meets by video and ends', { timeout: 180_000 }, async () => {
    const appointmentId = await addVideoVisit({ clinicianEmail: 'clinician@example.org' }, 'patient@example.org');
    const visitPath = `/visits/${appointmentId}`;

    // 1. The patient, on a phone, checks in.
    const patient = await newPage(PHONE);
    const p = patient.page;
    // Home shows the coming visit with the way in, once check-in is open.
    await openSignedIn(p, '/', 'patient@example.org');
    await p.getByRole('link', { name: 'Check in and start your video visit' }).click();
    await p.waitForURL((url) => url.pathname === visitPath);
    await p.getByRole('heading', { level: 1, name: 'Video visit with Priya Raman' }).waitFor();
    await p.getByRole('heading', { name: 'Check in' }).waitFor();
    await p.screenshot({ path: join(shots, 'visit-1-check-in.png'), fullPage: true });
    await p.getByLabel('Country').selectOption('US');
    await p.getByLabel('State').selectOption('MA');
    await p.getByLabel('My medication list is up to date').check();
    await p.getByLabel(/Questions for your clinician/).fill('Is the new blood pressure pill working?');
    await p.getByLabel('Phone number to reach you today').fill('617-555-0123');
    await p.getByLabel('I have read this and I agree to a video visit').check();
    await p.getByRole('button', { name: 'Check in' }).click();

    // 2. One button to start; the waiting room says they are next.
    await p.getByRole('heading', { name: 'You are checked in' }).waitFor();
    // The device check runs right here, and lets go of the camera when the visit starts.
    await p.getByRole('button', { name: 'Check my camera, microphone and connection' }).click();
    await p.getByRole('button', { name: 'Start the check' }).click();
    await expect.poll(() => p.locator('[data-result]').getAttribute('data-result'), { timeout: 30_000 }).toBe('ready');
    await p.getByRole('button', { name: 'Start my video visit' }).click();
    await p.getByRole('heading', { name: 'You are in the waiting room' }).waitFor();
    const status = p.locator('.vi-waiting-status');
    await status.getByText('You are next.').waitFor();
    await p.waitForFunction(() => (document.querySelector<HTMLVideoElement>('.vi-self__video')?.videoWidth ?? 0) > 0);
    await p.screenshot({ path: join(shots, 'visit-2-waiting-room.png'), fullPage: true });

    // 3. The clinician's day list shows the patient waiting, with the check-in answers.
    const clinician = await newPage(DESKTOP);
    const c = clinician.page;
    await openSignedIn(c, '/visits', 'clinician@example.org');
    const item = c.getByRole('listitem').filter({ has: c.getByRole('heading', { name: /Eleanor Whitfield/ }) });
    await item.getByText(/^Waiting · /).waitFor();
    await c.getByText('1 patient waiting').waitFor();
    await item.getByText('Check-in answers from Eleanor Whitfield').click();
    await item.getByText('Is the new blood pressure pill working?').waitFor();
    await c.screenshot({ path: join(shots, 'visit-3-queue.png'), fullPage: true });

    // 4. Running late: the patient's waiting room says so at once.
    await item.getByRole('link', { name: /Open visit/ }).click();
    await c.getByRole('heading', { level: 1, name: 'Visit with Eleanor Whitfield' }).waitFor();
    await c.getByLabel('Tell the patient you are late by').selectOption('15');
    await c.getByRole('button', { name: 'Tell the patient' }).click();
    await status.getByText('Priya Raman is running about 15 minutes late.', { exact: false }).waitFor();

    // 5. Admitted: each sees and hears the other.
    await c.getByRole('button', { name: 'Let Eleanor Whitfield in' }).click();
    await expectRemoteVideoPlaying(p, 'Priya Raman');
    await expectRemoteVideoPlaying(c, 'Eleanor Whitfield');
    expect(await p.getByRole('heading', { name: 'You are in the waiting room' }).count()).toBe(0);
    await p.screenshot({ path: join(shots, 'visit-4-call-patient.png'), fullPage: true });
    await c.screenshot({ path: join(shots, 'visit-5-call-clinician.png'), fullPage: true });

    // 6. The clinician ends the visit; it is recorded as held by video, and the patient is told.
    // The browsers report the first decoded frames within half a second; wait for the server to have it.
    await expectVideoRecorded(portico, appointmentId);
    await c.getByRole('radio', { name: /Visit completed/ }).check();
    await c.getByRole('button', { name: 'End visit' }).click();
    await p.getByRole('heading', { name: 'Your visit has ended' }).waitFor();
    await c.getByRole('heading', { name: 'The visit has ended' }).waitFor();
    await c.getByText('Outcome: Completed by video').waitFor();
    expect(await p.locator('.vi-tile__video').count()).toBe(0);
    await p.screenshot({ path: join(shots, 'visit-6-over.png'), fullPage: true });

    // Nothing left our server: the signaling socket is ours too (ws: on the same host).
    const ourSocket = `${portico.origin.replace(/^http/, 'ws')}/api/visits/${appointmentId}/socket`;
    for (const { log } of [patient, clinician]) {
      expect(log.pageErrors).toEqual([]);
      expect(log.urls).toContain(ourSocket);
      expect(log.offOrigin().filter((url) => !url.startsWith(ourSocket))).toEqual([]);
    }
  });

  it('stops a visit from outside the allowed state, with the reason and a way to reschedule', async () => {
    const account = await enrolledPatient(portico.origin, 'Walter');
    const appointmentId = await addVideoVisit({ orgSlug: 'harbor-cancer' }, account.email);
    const { page, log } = await newPage(PHONE);
    await openSignedIn(page, `/visits/${appointmentId}`, account.email, account.password);
    await page.getByRole('heading', { name: 'Check in' }).waitFor();
    await page.getByText(/can only see you while you are in Massachusetts\./).waitFor();

    await page.getByLabel('Country').selectOption('US');
    await page.getByLabel('State').selectOption('NY');
    // Flagged as soon as it is chosen; the server still decides.
    await page.getByText('You said you are in New York.', { exact: false }).waitFor();
    await page.getByLabel('Phone number to reach you today').fill('617-555-0188');
    await page.getByLabel('I have read this and I agree to a video visit').check();
    await page.getByRole('button', { name: 'Check in' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'This visit cannot go ahead from where you are' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /You said you are in New York\..*only see you while you are in Massachusetts/,
    );
    const reschedule = page.getByRole('link', { name: 'Reschedule your visit' });
    expect(await reschedule.getAttribute('href')).toBe(`/appointments/${appointmentId}`);
    expect(await page.getByRole('button', { name: /Start my video visit/ }).count()).toBe(0);
    await page.screenshot({ path: join(shots, 'visit-7-outside-state.png'), fullPage: true });

    // The server kept the answer and holds the visit closed.
    const view = await page.evaluate(async (id) => (await fetch(`/api/visits/${id}`)).json(), appointmentId);
    expect(view).toMatchObject({
      status: 'planned',
      checkIn: { answers: { locationRegion: 'NY', locationAllowed: false } },
    });
    expect(log.pageErrors).toEqual([]);
  });
});
