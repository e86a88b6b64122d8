/**
 * Join benchmark: how long from the clinician pressing "Let … in" to the first decoded remote
 * video frame on both sides of a real Portico visit (headless browsers with fake camera and
 * microphone, signaling over Portico's WebSocket), beside the floor: a bare two-page WebRTC call
 * in Chromium on the same machine, in the same run, whose offer/answer/candidates are passed
 * straight between the pages by this script. Two Portico runs: both sides in Chromium, and
 * mixed (the patient in Firefox over WebDriver BiDi, the clinician in Chromium). Prints figures;
 * asserts nothing.
 *
 *   npm run bench:join                  (20 calls of each kind)
 *   BENCH_CALLS=50 npm run bench:join
 *   BENCH_FIREFOX=0 npm run bench:join  (Chromium only, e.g. where there is no Firefox)
 *
 * Needs the built web app (the npm script builds it when stale), Chromium and Firefox (as for
 * npm test).
 */
import { cpus, totalmem } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserContext as FirefoxContext } from 'puppeteer-core';
import { launchFirefox, playwrightDriver, puppeteerDriver, type Driver } from '../e2e/drive.js';
import {
  DEMO_PASSWORD,
  FAKE_MEDIA_ARGS,
  launchChromium,
  newContext,
  PHONE,
  DESKTOP,
  startPortico,
  type Portico,
} from '../e2e/harness.js';
import { envInt, ms, summarize, table } from './stats.js';

const CALLS = envInt('BENCH_CALLS', 20);
const WITH_FIREFOX = process.env['BENCH_FIREFOX'] !== '0';
const CHECK_IN = {
  location: { country: 'US', region: 'MA' },
  medicationsConfirmed: true,
  questions: '',
  contactPhone: '617-555-0123',
  insuranceConfirmed: true,
  consentVersion: '2026-11-01',
  consentAccepted: true,
};

declare global {
  interface Window {
    /** Set by this script in each page: Date.now() of the first remote frame shown. */
    __firstFrameAt?: number;
  }
}

/** Signs a browser context in through the real sign-in page. */
async function signedInContext(browser: Browser, portico: Portico, email: string, phone: boolean) {
  const { context } = await newContext(browser, portico.origin, phone ? PHONE : DESKTOP);
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(`${portico.origin}/signin`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.close();
  return context;
}

/** A booked video visit between the demo patient and the demo clinician, starting in 5 minutes. */
async function addVisit(portico: Portico): Promise<string> {
  const db = portico.database.db;
  const pair = await db
    .selectFrom('patients as p')
    .innerJoin('users as pu', 'pu.id', 'p.user_id')
    .innerJoin('clinicians as c', (j) => j.onTrue())
    .innerJoin('users as cu', 'cu.id', 'c.user_id')
    .innerJoin('visit_types as vt', (j) => j.onRef('vt.clinician_id', '=', 'c.id').on('vt.mode', '=', 'video'))
    .select(['p.id as patientId', 'c.id as clinicianId', 'c.organization_id as orgId', 'vt.id as typeId'])
    .where('pu.email', '=', 'patient@example.org')
    .where('cu.email', '=', 'clinician@example.org')
    .executeTakeFirstOrThrow();
  // The demo keeps a visit 20 minutes ahead; the bench needs the pair free, so it steps it aside.
  await db
    .updateTable('appointments')
    .set({ status: 'cancelled' })
    .where('patient_id', '=', pair.patientId)
    .where('status', 'in', ['booked', 'arrived', 'checked-in'])
    .execute();
  const start = new Date(Date.now() + 5 * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const row = await db
    .insertInto('appointments')
    .values({
      organization_id: pair.orgId,
      clinician_id: pair.clinicianId,
      patient_id: pair.patientId,
      visit_type_id: pair.typeId,
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

/** A POST from inside a signed-in page, with the session's CSRF token, as the web app sends it. */
async function post(page: Page, path: string, body: unknown): Promise<void> {
  const status = await page.evaluate(
    async ({ path, body }) => {
      const state = (await (await fetch('/api/auth/session')).json()) as { session: { csrfToken: string } | null };
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': state.session?.csrfToken ?? '' },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    { path, body },
  );
  if (status >= 300) throw new Error(`POST ${path} answered ${status}`);
}

/** Records, in the page, when the first remote video frame is presented (requestVideoFrameCallback). */
async function watchFirstFrame(page: Page, selector: string): Promise<void> {
  // A string, not a function: tsx would add helpers the page does not have.
  await page.evaluate(`(() => {
    delete window.__firstFrameAt;
    const sel = ${JSON.stringify(selector)};
    const hook = (video) => video.requestVideoFrameCallback(() => { window.__firstFrameAt ??= Date.now(); });
    const existing = document.querySelector(sel);
    if (existing) return hook(existing);
    const observer = new MutationObserver(() => {
      const video = document.querySelector(sel);
      if (!video) return;
      observer.disconnect();
      hook(video);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  })()`);
}

const firstFrame = (page: Page): Promise<number> =>
  page
    .waitForFunction(() => window.__firstFrameAt, null, { timeout: 60_000, polling: 'raf' })
    .then((h) => h.jsonValue() as Promise<number>);

/** A patient page in either browser, driven the same way (e2e/drive.ts). */
interface PatientPages {
  open(): Promise<{ d: Driver; close(): Promise<void> }>;
}

function chromiumPatient(context: BrowserContext): PatientPages {
  return {
    async open() {
      const page = await context.newPage();
      return { d: playwrightDriver(page), close: () => page.close() };
    },
  };
}

function firefoxPatient(context: FirefoxContext): PatientPages {
  return {
    async open() {
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.setViewport({ width: PHONE.width, height: PHONE.height });
      return { d: puppeteerDriver(page), close: () => page.close() };
    },
  };
}

/** Signs a Firefox user context in through the real sign-in page (patient, phone-sized). */
async function signedInFirefox(context: FirefoxContext, portico: Portico, email: string): Promise<void> {
  const { d, close } = await firefoxPatient(context).open();
  await d.goto(`${portico.origin}/signin`);
  await d.fill('Email', email);
  await d.fill('Password', DEMO_PASSWORD);
  await d.click('button', 'Sign in');
  await d.waitUntil(`location.pathname === '/'`, { timeout: 60_000 });
  await close();
}

/** The same in-page recorder as watchFirstFrame, for a Driver. */
const FIRST_FRAME_WATCH = (selector: string) => `(() => {
    delete window.__firstFrameAt;
    const sel = ${JSON.stringify(selector)};
    const hook = (video) => video.requestVideoFrameCallback(() => { window.__firstFrameAt ??= Date.now(); });
    const existing = document.querySelector(sel);
    if (existing) return hook(existing);
    const observer = new MutationObserver(() => {
      const video = document.querySelector(sel);
      if (!video) return;
      observer.disconnect();
      hook(video);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  })()`;

async function firstFrameOf(d: Driver): Promise<number> {
  await d.waitUntil('window.__firstFrameAt !== undefined', { timeout: 60_000 });
  return d.evaluate<number>('window.__firstFrameAt');
}

/** The check-in answers, posted from inside the patient's signed-in page with its CSRF token. */
const CHECK_IN_POST = (id: string) => `(async () => {
    const state = await (await fetch('/api/auth/session')).json();
    const res = await fetch(${JSON.stringify(`/api/visits/${id}/check-in`)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': state.session?.csrfToken ?? '' },
      body: ${JSON.stringify(JSON.stringify(CHECK_IN))},
    });
    return res.status;
  })()`;

/** One Portico call: patient waiting, clinician presses Admit; ms until both see the other. */
async function portalCall(portico: Portico, patient: PatientPages, clinician: BrowserContext): Promise<number> {
  const id = await addVisit(portico);
  const p = await patient.open();
  const c = await clinician.newPage();
  try {
    await p.d.goto(`${portico.origin}/visits/${id}`);
    await p.d.waitForRole('heading', 'Check in', { timeout: 60_000 });
    const status = await p.d.evaluate<number>(CHECK_IN_POST(id));
    if (status >= 300) throw new Error(`check-in answered ${status}`);
    await p.d.goto(`${portico.origin}/visits/${id}`);
    await p.d.click('button', 'Start my video visit');
    await p.d.waitForRole('heading', 'You are in the waiting room', { timeout: 60_000 });
    await c.goto(`${portico.origin}/visits/${id}/call`);
    const admit = c.getByRole('button', { name: 'Let Eleanor Whitfield in' });
    await admit.waitFor();
    await Promise.all([p.d.evaluate(FIRST_FRAME_WATCH('.vi-tile__video')), watchFirstFrame(c, '.vi-tile__video')]);
    const pressed = await c.evaluate(() => Date.now());
    await admit.click();
    const [seenByPatient, seenByClinician] = await Promise.all([firstFrameOf(p.d), firstFrame(c)]);
    await post(c, `/api/visits/${id}/end`, { outcome: 'completed' });
    return Math.max(seenByPatient, seenByClinician) - pressed;
  } finally {
    await Promise.all([p.close(), c.close()]);
  }
}

/** The floor: two pages, one RTCPeerConnection each, descriptions handed over by this script. */
async function bareCall(browser: Browser, origin: string): Promise<number> {
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    for (const page of [a, b]) {
      // Our own origin (a secure context on 127.0.0.1), an empty document, no Portico code.
      await page.goto(`${origin}/healthz`);
      await page.evaluate(async () => {
        const w = window as unknown as { pc: RTCPeerConnection; candidates: RTCIceCandidateInit[] };
        w.pc = new RTCPeerConnection();
        w.candidates = [];
        w.pc.onicecandidate = (e) => {
          if (e.candidate) w.candidates.push(e.candidate.toJSON());
        };
        const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        stream.getTracks().forEach((t) => w.pc.addTrack(t, stream));
        w.pc.ontrack = (e) => {
          let video = document.querySelector('video');
          if (!video) {
            video = document.createElement('video');
            video.muted = true;
            video.autoplay = true;
            video.playsInline = true;
            document.body.append(video);
            video.requestVideoFrameCallback(() => {
              window.__firstFrameAt ??= Date.now();
            });
          }
          if (e.streams[0] && video.srcObject !== e.streams[0]) video.srcObject = e.streams[0];
        };
      });
    }
    const started = await a.evaluate(() => Date.now());
    const offer = await a.evaluate(async () => {
      const w = window as unknown as { pc: RTCPeerConnection };
      await w.pc.setLocalDescription();
      return w.pc.localDescription?.toJSON();
    });
    const answer = await b.evaluate(async (o) => {
      const w = window as unknown as { pc: RTCPeerConnection };
      await w.pc.setRemoteDescription(o as RTCSessionDescriptionInit);
      await w.pc.setLocalDescription();
      return w.pc.localDescription?.toJSON();
    }, offer);
    await a.evaluate(async (d) => {
      await (window as unknown as { pc: RTCPeerConnection }).pc.setRemoteDescription(d as RTCSessionDescriptionInit);
    }, answer);
    // Trickle: hand over candidates as they come until both sides show a frame.
    const exchange = async (from: Page, to: Page, sent: number): Promise<number> => {
      const all = await from.evaluate(() => (window as unknown as { candidates: RTCIceCandidateInit[] }).candidates);
      const fresh = all.slice(sent);
      if (fresh.length) {
        await to.evaluate(async (list) => {
          const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
          for (const c of list) await pc.addIceCandidate(c);
        }, fresh);
      }
      return all.length;
    };
    let sentA = 0;
    let sentB = 0;
    const frames = Promise.all([firstFrame(a), firstFrame(b)]);
    let done = false;
    void frames.then(() => (done = true));
    while (!done) {
      sentA = await exchange(a, b, sentA);
      sentB = await exchange(b, a, sentB);
      await new Promise((r) => setTimeout(r, 5));
    }
    const [fa, fb] = await frames;
    return Math.max(fa, fb) - started;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `Portico join benchmark — node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `${CALLS} calls of each kind, headless Chromium${WITH_FIREFOX ? ' and Firefox' : ''} with fake camera and microphone`,
  );
  const portico = await startPortico();
  const browser = await launchChromium({ args: FAKE_MEDIA_ARGS });
  const firefox = WITH_FIREFOX ? await launchFirefox() : null;
  try {
    const patientContext = await signedInContext(browser, portico, 'patient@example.org', true);
    const clinician = await signedInContext(browser, portico, 'clinician@example.org', false);
    const chromiumPatientPages = chromiumPatient(patientContext);
    let firefoxPatientPages: PatientPages | null = null;
    if (firefox) {
      const context = await firefox.createBrowserContext();
      await signedInFirefox(context, portico, 'patient@example.org');
      firefoxPatientPages = firefoxPatient(context);
    }
    // One of each first, not counted: each browser warms up its media stack on the first call.
    await portalCall(portico, chromiumPatientPages, clinician);
    if (firefoxPatientPages) await portalCall(portico, firefoxPatientPages, clinician);
    await bareCall(browser, portico.origin);
    const portal: number[] = [];
    const mixed: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      portal.push(await portalCall(portico, chromiumPatientPages, clinician));
      if (firefoxPatientPages) mixed.push(await portalCall(portico, firefoxPatientPages, clinician));
      bare.push(await bareCall(browser, portico.origin));
      process.stdout.write(`\r  call ${i + 1} of ${CALLS}`);
    }
    process.stdout.write('\n\n');
    const p = summarize(portal);
    const b = summarize(bare);
    const rows = [
      ['call', 'p50', 'p95', 'max', 'calls'],
      [
        'Portico, Chromium ↔ Chromium: Admit → first remote frame, both sides',
        ms(p.p50),
        ms(p.p95),
        ms(p.max),
        String(p.count),
      ],
    ];
    const m = mixed.length > 0 ? summarize(mixed) : null;
    if (m) {
      rows.push([
        'Portico, Firefox patient ↔ Chromium clinician: same',
        ms(m.p50),
        ms(m.p95),
        ms(m.max),
        String(m.count),
      ]);
    }
    rows.push([
      'bare WebRTC (Chromium): offer → first remote frame, both',
      ms(b.p50),
      ms(b.p95),
      ms(b.max),
      String(b.count),
    ]);
    console.log(table(rows));
    console.log(
      `\nPortico / bare: p50 ${(p.p50 / b.p50).toFixed(1)}×, p95 ${(p.p95 / b.p95).toFixed(1)}× ` +
        `(${ms(p.p50 - b.p50)} more at p50: admission over the server, TURN credentials, signaling round trips).`,
    );
    if (m) {
      const diff = m.p50 - p.p50;
      console.log(
        `Mixed / bare: p50 ${(m.p50 / b.p50).toFixed(1)}×, p95 ${(m.p95 / b.p95).toFixed(1)}× ` +
          `(${ms(Math.abs(diff))} ${diff >= 0 ? 'slower' : 'faster'} than Chromium ↔ Chromium at p50).`,
      );
    }
    const result = (figure: string, value: number, floor: number) =>
      console.log(`RESULT join ${figure} ${value.toFixed(0)} ms ratio=${(value / floor).toFixed(2)}`);
    console.log('');
    result('chromium_p50', p.p50, b.p50);
    result('chromium_p95', p.p95, b.p95);
    if (m) {
      result('mixed_firefox_patient_p50', m.p50, b.p50);
      result('mixed_firefox_patient_p95', m.p95, b.p95);
    }
    console.log(`RESULT join bare_p50 ${b.p50.toFixed(0)} ms`);
    console.log(`RESULT join bare_p95 ${b.p95.toFixed(0)} ms`);
  } finally {
    await firefox?.close();
    await browser.close();
    await portico.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
