/**
 * Visit steps written once over the Driver (e2e/drive.ts), so the same check-in, admission and
 * media checks run with the patient, clinician or guest in Chromium or Firefox.
 */
import { expect } from 'vitest';
import type { Driver } from './drive.js';
import { DEMO_PASSWORD } from './harness.js';
import type { PeerStats } from './visit-helpers.js';

/** Opens `path` signed out, signs in on the page it sends us to, and comes back to `path`. */
export async function signInAt(d: Driver, origin: string, path: string, email: string, password = DEMO_PASSWORD) {
  await d.goto(`${origin}${path}`);
  await d.waitForRole('heading', 'Sign in');
  await d.fill('Email', email);
  await d.fill('Password', password);
  await d.click('button', 'Sign in');
  await d.waitUntil(`location.pathname === ${JSON.stringify(path)}`);
}

/** Checks in from Massachusetts with a phone number (the visit page's check-in form). */
export async function checkIn(d: Driver, phone: string): Promise<void> {
  await d.waitForRole('heading', 'Check in');
  await d.select('Country', 'US');
  await d.select('State', 'MA');
  await d.check('My medication list is up to date');
  await d.fill('Phone number to reach you today', phone);
  await d.check('I have read this and I agree to a video visit');
  await d.click('button', 'Check in');
  await d.waitForRole('heading', 'You are checked in');
}

/** The page's per-connection getStats() counters (web/src/features/visit/rtc/testHooks.ts). */
export function statsOf(d: Driver): Promise<PeerStats[]> {
  return d.evaluate<PeerStats[]>('(async () => (await window.__porticoStats?.()) ?? [])()');
}

/**
 * The others' video and sound really arrive in this page: a tile per name, every remote video
 * has a picture and a running clock, and every connection keeps decoding new frames, receiving
 * sound packets and sound energy (not just silence).
 */
export async function expectMediaFlowing(d: Driver, ...names: string[]): Promise<void> {
  for (const name of names) await d.waitForRole('listitem', new RegExp(escape(name)));
  const n = names.length;
  await d.waitUntil(
    `(() => { const v = [...document.querySelectorAll('.vi-tile__video')];
      return v.length === ${n} && v.every((x) => x.videoWidth > 0 && !x.paused && x.currentTime > 0); })()`,
  );
  const before = await d.evaluate<{ times: number[]; stats: PeerStats[] }>(`(async () => ({
      times: [...document.querySelectorAll('.vi-tile__video')].map((v) => v.currentTime),
      stats: (await window.__porticoStats?.()) ?? [],
    }))()`);
  expect(before.stats, `${d.browser}: connections`).toHaveLength(n);
  await d.waitUntil(`(async (was) => {
      const v = [...document.querySelectorAll('.vi-tile__video')];
      if (v.length !== was.times.length || !v.every((x, i) => x.currentTime > (was.times[i] ?? 0) + 1)) return false;
      const now = (await window.__porticoStats?.()) ?? [];
      return now.length === was.stats.length && was.stats.every((old) => {
        const s = now.find((x) => x.id === old.id);
        return !!s && s.framesDecoded > old.framesDecoded + 10 && s.audioPackets > old.audioPackets + 10 &&
          s.audioEnergy > old.audioEnergy;
      });
    })(${JSON.stringify(before)})`);
}

/**
 * What arrives from every other person is silence: their sound energy stands still over a
 * second and a half of samples (kept in the page between polls), while packets keep coming.
 */
export async function expectSilenceArriving(d: Driver): Promise<void> {
  await d.evaluate('(window.__e2eEnergy = [], true)');
  await d.waitUntil(`(async () => {
      const now = (await window.__porticoStats?.()) ?? [];
      if (now.length === 0) return false;
      const at = Date.now();
      const log = window.__e2eEnergy;
      log.push({ at, stats: now });
      const old = log.find((x) => at - x.at >= 1500);
      if (!old) return false;
      while (log.length > 0 && at - log[0].at > 3000) log.shift();
      return now.every((s) => {
        const was = old.stats.find((x) => x.id === s.id);
        return !!was && s.audioEnergy - was.audioEnergy < 1e-6 && s.audioPackets > was.audioPackets;
      });
    })()`);
}

/** Waits until this person's tile says so (the flag the other side's media state sets). */
export async function expectTileFlag(d: Driver, name: string, flag: 'Muted' | 'Camera off'): Promise<void> {
  await d.waitUntil(`[...document.querySelectorAll('.vi-tile')].some((t) =>
      t.querySelector('.vi-tile__name')?.textContent === ${JSON.stringify(name)} &&
      [...t.querySelectorAll('.vi-tile__flag')].some((f) => f.textContent === ${JSON.stringify(flag)}))`);
}

/** Waits until this person's tile shows no flags (sound and camera back on). */
export async function expectTileUnflagged(d: Driver, name: string): Promise<void> {
  await d.waitUntil(`[...document.querySelectorAll('.vi-tile')].some((t) =>
      t.querySelector('.vi-tile__name')?.textContent === ${JSON.stringify(name)} &&
      t.querySelectorAll('.vi-tile__flag').length === 0)`);
}

/** Mute and camera off on `from` are seen (and heard: silence) by `to`; then both come back on. */
export async function expectMuteAndCameraOffSeen(from: Driver, to: Driver, fromName: string): Promise<void> {
  await from.click('button', 'Mute');
  await expectTileFlag(to, fromName, 'Muted');
  await expectSilenceArriving(to);
  await from.click('button', 'Stop video');
  await expectTileFlag(to, fromName, 'Camera off');
  await to.waitUntil(`[...document.querySelectorAll('.vi-tile--novideo .vi-tile__name')].some((n) =>
      n.textContent === ${JSON.stringify(fromName)})`);
  await from.click('button', 'Mute');
  await from.click('button', 'Stop video');
  await expectTileUnflagged(to, fromName);
  await expectMediaFlowing(to, fromName);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
