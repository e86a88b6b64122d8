import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/src/config.js';
import { iceConfig } from '../server/src/modules/visits/turn.js';
import { startCoturn, type Coturn } from './coturn.js';
import { DESKTOP, FAKE_MEDIA_ARGS, launchChromium, PHONE, startPortico, type Portico } from './harness.js';
import { allocate } from './turn-client.js';
import { expectRemoteVideoPlaying, visitHelpers } from './visit-helpers.js';

/**
 * TURN for real: a coturn of our own on loopback, and a Portico told to send all media through it
 * (PORTICO_ICE_TRANSPORT_POLICY=relay). A visit's picture and sound must then cross coturn on the
 * credentials Portico minted; and coturn itself refuses a credential whose time is up.
 */
let coturn: Coturn;
let portico: Portico;
let browser: Browser;

beforeAll(async () => {
  coturn = await startCoturn();
  portico = await startPortico(turnEnv());
  browser = await launchChromium({ args: FAKE_MEDIA_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await portico?.close();
  await coturn?.close();
});

const { addVideoVisit, openSignedIn, newPage } = visitHelpers(() => ({ portico, browser }));

describe('video through the TURN relay', () => {
  it('carries a visit through coturn on the credentials Portico minted', { timeout: 120_000 }, async () => {
    const appointmentId = await addVideoVisit({ clinicianEmail: 'clinician@example.org' }, 'patient@example.org');
    const patient = await newPage(PHONE);
    const p = patient.page;
    await openSignedIn(p, `/visits/${appointmentId}`, 'patient@example.org');
    // The browser is told to use the relay only.
    const ice = await p.evaluate(async (id) => (await fetch(`/api/visits/${id}/ice-servers`)).json(), appointmentId);
    expect(ice).toMatchObject({ iceTransportPolicy: 'relay', iceServers: [{ urls: coturn.urls }] });
    await p.getByRole('heading', { name: 'Check in' }).waitFor();
    await p.getByLabel('Country').selectOption('US');
    await p.getByLabel('State').selectOption('MA');
    await p.getByLabel('My medication list is up to date').check();
    await p.getByLabel('Phone number to reach you today').fill('617-555-0142');
    await p.getByLabel('I have read this and I agree to a video visit').check();
    await p.getByRole('button', { name: 'Check in' }).click();
    await p.getByRole('button', { name: 'Start my video visit' }).click();
    await p.getByRole('heading', { name: 'You are in the waiting room' }).waitFor();

    const db = portico.database.db;
    const encounter = await db
      .selectFrom('encounters')
      .select('id')
      .where('appointment_id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    const label = encounter.id.slice(0, 8);
    const granted = () =>
      coturn
        .log()
        .split('\n')
        .filter((line) => line.includes('ALLOCATE processed, success') && line.includes(`-${label}>`));
    // While the patient waits, their browser already holds an allocation on coturn: a connection
    // is built ahead and gathers its candidates, so being let in does not wait for the relay.
    // (coturn's log reaches us through a pipe: wait for the line rather than read it once.)
    const patientUser = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    const patientAllocated = () => granted().some((line) => line.includes(`:${patientUser.id}-${label}>`));
    await expect.poll(patientAllocated, { timeout: 20_000 }).toBe(true);

    const clinician = await newPage(DESKTOP);
    const c = clinician.page;
    await openSignedIn(c, `/visits/${appointmentId}/call`, 'clinician@example.org');
    await c.getByRole('button', { name: 'Let Eleanor Whitfield in' }).click();

    // Frames decoded and sound received on both sides...
    await expectRemoteVideoPlaying(p, 'Priya Raman');
    await expectRemoteVideoPlaying(c, 'Eleanor Whitfield');
    // ...over a connection whose own end is a relay candidate on each side: through coturn.
    for (const page of [p, c]) {
      const stats = await page.evaluate(async () => (await window.__porticoStats?.()) ?? []);
      expect(stats).toHaveLength(1);
      expect(stats[0]?.route?.local).toBe('relay');
    }
    // coturn granted the allocations to the usernames Portico minted for this visit.
    await expect.poll(() => granted().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    for (const { context, log } of [patient, clinician]) {
      expect(log.pageErrors).toEqual([]);
      await context.close();
    }
  });

  it('refuses an expired credential, and grants a current one', async () => {
    const { media } = loadConfig(turnEnv());
    const hourAgo = new Date(Date.now() - 3_600_000);
    const expired = iceConfig(media, 'expired-check', hourAgo, 60).iceServers[0];
    const current = iceConfig(media, 'current-check').iceServers[0];
    if (!expired?.username || !expired.credential || !current?.username || !current.credential) {
      throw new Error('no TURN credential minted');
    }
    expect(Number(expired.username.split(':')[0])).toBeLessThan(Date.now() / 1000);
    expect(await allocate(coturn.port, expired.username, expired.credential)).toMatchObject({ ok: false, status: 401 });
    expect(await allocate(coturn.port, current.username, current.credential)).toMatchObject({
      ok: true,
      relayed: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown,
    });
  });
});

/** Portico's settings for this file's coturn. */
function turnEnv(): Record<string, string> {
  return {
    PORTICO_TURN_URLS: coturn.urls.join(','),
    PORTICO_TURN_SECRET: coturn.secret,
    PORTICO_ICE_TRANSPORT_POLICY: 'relay',
  };
}
