import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, newContext, type Portico, type RequestLog } from './harness.js';

/** One connection's counters, read from getStats() by the page's test hook (web/src/features/visit/rtc/testHooks.ts). */
export interface PeerStats {
  id: string;
  state: string;
  framesDecoded: number;
  audioPackets: number;
  /** Received sound energy (totalAudioEnergy): grows while sound arrives, stands still through silence. */
  audioEnergy: number;
  /** Candidate types of the selected pair, e.g. { local: 'relay', remote: 'relay' } through TURN. */
  route: { local: string; remote: string } | null;
}

declare global {
  interface Window {
    __porticoStats?: () => Promise<PeerStats[]>;
  }
}

/**
 * A start a few minutes ahead (check-in is open from 30 minutes before), kept on today's date in
 * the clinic's zone so the clinician's day list shows it even when the test runs near midnight.
 */
export function startSoon(): Date {
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(ms);
  const now = Date.now();
  const soon = now + 5 * 60_000;
  return new Date(day(soon) === day(now) ? soon : now - 10 * 60_000);
}

/**
 * The helpers the visit tests share, bound to the file's running Portico and browser (both are
 * created in beforeAll, hence the getter).
 */
export function visitHelpers(env: () => { portico: Portico; browser: Browser }) {
  /** Inserts a booked video visit straight into the database (booking has its own tests). */
  async function addVideoVisit(where: { clinicianEmail?: string; orgSlug?: string }, patientEmail: string) {
    const db = env().portico.database.db;
    let clinicians = db
      .selectFrom('clinicians as c')
      .innerJoin('visit_types as vt', 'vt.clinician_id', 'c.id')
      .innerJoin('organizations as o', 'o.id', 'c.organization_id')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.id as clinicianId', 'c.organization_id as organizationId', 'vt.id as visitTypeId'])
      .where('vt.mode', '=', 'video')
      .where('vt.active', '=', true);
    if (where.clinicianEmail) clinicians = clinicians.where('u.email', '=', where.clinicianEmail);
    if (where.orgSlug) clinicians = clinicians.where('o.slug', '=', where.orgSlug);
    const clinician = await clinicians.orderBy('c.family_name').executeTakeFirstOrThrow();
    const patient = await db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select('p.id')
      .where('u.email', '=', patientEmail)
      .executeTakeFirstOrThrow();
    const start = startSoon();
    const end = new Date(start.getTime() + 30 * 60_000);
    const row = await db
      .insertInto('appointments')
      .values({
        organization_id: clinician.organizationId,
        clinician_id: clinician.clinicianId,
        patient_id: patient.id,
        visit_type_id: clinician.visitTypeId,
        mode: 'video',
        status: 'booked',
        start_at: start,
        end_at: end,
        busy_until: end,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Opens `path` signed out, signs in on the page it sends us to, and comes back to `path`. */
  async function openSignedIn(
    page: Page,
    path: string,
    email: string,
    password = DEMO_PASSWORD,
    origin = env().portico.origin,
  ) {
    await page.goto(`${origin}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === path);
  }

  async function newPage(viewport: {
    width: number;
    height: number;
  }): Promise<{ page: Page; log: RequestLog; context: BrowserContext }> {
    const { context, log } = await newContext(env().browser, env().portico.origin, viewport);
    context.setDefaultTimeout(30_000);
    return { page: await context.newPage(), log, context };
  }

  return { addVideoVisit, openSignedIn, newPage, expectRemoteVideoPlaying };
}

/**
 * The others' video really plays: one tile per name given, and every remote video on the page has
 * a picture size and a running clock, and every connection (every entry of the page's getStats()
 * hook) keeps decoding new frames and receiving sound packets.
 */
export async function expectRemoteVideoPlaying(page: Page, ...names: string[]): Promise<void> {
  const tiles = page.getByRole('list', { name: 'People in the visit' }).getByRole('listitem');
  for (const name of names) await tiles.filter({ hasText: name }).waitFor();
  const count = names.length;
  await page.waitForFunction(
    (n) => {
      const videos = [...document.querySelectorAll<HTMLVideoElement>('.vi-tile__video')];
      return videos.length === n && videos.every((v) => v.videoWidth > 0 && !v.paused && v.currentTime > 0);
    },
    count,
    { polling: 250 },
  );
  const before = await page.evaluate(async () => {
    const times = [...document.querySelectorAll<HTMLVideoElement>('.vi-tile__video')].map((v) => v.currentTime);
    return { times, stats: (await window.__porticoStats?.()) ?? [] };
  });
  expect(before.stats).toHaveLength(count);
  for (const s of before.stats) expect(s.framesDecoded, `frames decoded from ${s.id}`).toBeGreaterThan(0);
  await page.waitForFunction(
    async (was) => {
      const videos = [...document.querySelectorAll<HTMLVideoElement>('.vi-tile__video')];
      if (videos.length !== was.times.length) return false;
      if (!videos.every((v, i) => v.currentTime > (was.times[i] ?? 0) + 1)) return false;
      const now = (await window.__porticoStats?.()) ?? [];
      return (
        now.length === was.stats.length &&
        was.stats.every((old) => {
          const fresh = now.find((s) => s.id === old.id);
          return !!fresh && fresh.framesDecoded > old.framesDecoded + 10 && fresh.audioPackets > old.audioPackets + 10;
        })
      );
    },
    before,
    { polling: 250 },
  );
}

/**
 * Waits until the server has recorded that video flowed in this visit. The browsers report the
 * first decoded frames within about half a second; a test that ends the visit sooner would race it.
 */
export async function expectVideoRecorded(portico: Portico, appointmentId: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await portico.database.db
            .selectFrom('encounters')
            .select('video_connected_at')
            .where('appointment_id', '=', appointmentId)
            .executeTakeFirst()
        )?.video_connected_at ?? null,
      { timeout: 20_000 },
    )
    .not.toBeNull();
}
