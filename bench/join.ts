/**
 * Join benchmark: how long from the clinician pressing "Let … in" to the first decoded remote
 * video frame on both sides of a real Portico visit (headless browsers with fake camera and
 * microphone, signaling over Portico's WebSocket; Portico as shipped in a process of its own,
 * bench/join-server.ts), beside the floor: a bare two-page WebRTC call in Chromium on the same
 * machine, in the same run, whose offer/answer/candidates cross a plain WebSocket relay. Both
 * clocks start in the page: at the Admit click, and as the floor's first page makes its offer.
 * Two Portico runs: both sides in Chromium, and mixed (the patient in Firefox over WebDriver
 * BiDi, the clinician in Chromium). Prints figures; asserts nothing.
 *
 *   npm run bench:join                  (20 calls of each kind)
 *   BENCH_CALLS=50 npm run bench:join
 *   BENCH_FIREFOX=0 npm run bench:join  (Chromium only, e.g. where there is no Firefox)
 *   BENCH_TRACE=1 npm run bench:join    (each Chromium call's signaling and requests, in ms from Admit)
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:join   (flags for the server's Node)
 *
 * Needs the built web app (the npm script builds it when stale), Chromium and Firefox (as for
 * npm test).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserContext as FirefoxContext } from 'puppeteer-core';
import { launchFirefox, playwrightDriver, puppeteerDriver, type Driver } from '../e2e/drive.js';
import { DEMO_PASSWORD, FAKE_MEDIA_ARGS, launchChromium, newContext, PHONE, DESKTOP } from '../e2e/harness.js';
import { envInt, ms, summarize, table } from './stats.js';

const CALLS = envInt('BENCH_CALLS', 20);
/** Extra flags for the server's Node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes). */
const NODE_ARGS = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
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
    /** Set by this script in the clinician's page: Date.now() when the Admit button got the click. */
    __pressedAt?: number;
  }
}

/** Signs a browser context in through the real sign-in page. */
async function signedInContext(browser: Browser, origin: string, email: string, phone: boolean) {
  const { context } = await newContext(browser, origin, phone ? PHONE : DESKTOP);
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(`${origin}/signin`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.close();
  return context;
}

/** Portico as shipped, in its own process (bench/join-server.ts), on a fresh data folder. */
interface PorticoProcess {
  origin: string;
  addVisit(): Promise<string>;
  close(): Promise<void>;
}

async function startPorticoProcess(): Promise<PorticoProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-bench-join-'));
  const proc = spawn(
    process.execPath,
    [...NODE_ARGS, '--import', 'tsx', fileURLToPath(new URL('./join-server.ts', import.meta.url))],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_TARGET_DATA_DIR: dataDir },
    },
  );
  const reply = (): Promise<Record<string, string>> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench/join-server.ts exited (${code})`));
      proc.once('exit', onExit);
      proc.once('message', (m: Record<string, string>) => {
        proc.off('exit', onExit);
        if (m['error']) reject(new Error(m['error']));
        else resolve(m);
      });
    });
  const ready = reply();
  const { origin } = await ready;
  if (!origin) throw new Error('bench/join-server.ts sent no origin');
  return {
    origin,
    async addVisit() {
      const answer = reply();
      proc.send({ addVisit: true });
      const { visitId } = await answer;
      if (!visitId) throw new Error('bench/join-server.ts sent no visit id');
      return visitId;
    },
    async close() {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.disconnect();
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A POST from inside a signed-in page, with the session's CSRF token, as the web app sends it. */
async function post(page: Page, path: string, body: unknown): Promise<void> {
  const { status, text } = await page.evaluate(
    async ({ path, body }) => {
      const state = (await (await fetch('/api/auth/session')).json()) as { session: { csrfToken: string } | null };
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': state.session?.csrfToken ?? '' },
        body: JSON.stringify(body),
      });
      return { status: res.status, text: res.ok ? '' : await res.text() };
    },
    { path, body },
  );
  if (status >= 300) throw new Error(`POST ${path} answered ${status}: ${text}`);
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
      tracePage(page, 'patient  ');
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
async function signedInFirefox(context: FirefoxContext, portico: PorticoProcess, email: string): Promise<void> {
  const { d, close } = await firefoxPatient(context).open();
  await d.goto(`${portico.origin}/signin`);
  await d.fill('Email', email);
  await d.fill('Password', DEMO_PASSWORD);
  await d.click('button', 'Sign in');
  await d.waitUntil(`location.pathname === '/'`, { timeout: 60_000 });
  await close();
}

/** The in-page recorder (a string, not a function: tsx would add helpers the page does not have). */
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

/** Records, in the page, when the first remote video frame is presented (requestVideoFrameCallback). */
async function watchFirstFrame(page: Page, selector: string): Promise<void> {
  await page.evaluate(FIRST_FRAME_WATCH(selector));
}

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

/** BENCH_TRACE=1: what each Chromium page sent and received, to see where a call's time goes. */
const TRACING = process.env['BENCH_TRACE'] === '1';
const trace: { at: number; line: string }[] = [];

function describeFrame(payload: string | Buffer): string {
  try {
    const m = JSON.parse(String(payload)) as {
      type: string;
      data?: { kind: string; type?: string };
      visit?: { participants: { admitted: boolean }[] };
    };
    if (m.type === 'signal') return `signal ${m.data?.kind ?? ''}${m.data?.type ? ` (${m.data.type})` : ''}`;
    if (m.type === 'visit') return `visit, ${m.visit?.participants.filter((p) => p.admitted).length ?? 0} admitted`;
    return m.type;
  } catch {
    return 'binary';
  }
}

function tracePage(page: Page, who: string): void {
  if (!TRACING) return;
  const add = (line: string) => trace.push({ at: Date.now(), line: `${who} ${line}` });
  page.on('request', (r) => add(`→ ${r.method()} ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => add(`← ${r.method()} ${new URL(r.url()).pathname}`));
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => add(`⇢ ${describeFrame(f.payload)}`));
    ws.on('framereceived', (f) => add(`⇠ ${describeFrame(f.payload)}`));
  });
}

function printTrace(pressed: number, patient: number, clinician: number): void {
  if (!TRACING) return;
  console.log(`\n  call: patient's first frame at ${patient - pressed} ms, clinician's at ${clinician - pressed} ms`);
  for (const { at, line } of trace.sort((x, y) => x.at - y.at)) {
    if (at >= pressed - 20) console.log(`  ${String(at - pressed).padStart(6)}  ${line}`);
  }
  trace.length = 0;
}

/** One Portico call: patient waiting, clinician presses Admit; ms until both see the other. */
async function portalCall(portico: PorticoProcess, patient: PatientPages, clinician: BrowserContext): Promise<number> {
  const id = await portico.addVisit();
  const p = await patient.open();
  const c = await clinician.newPage();
  tracePage(c, 'clinician');
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
    // The clock starts when the button gets the click, in the page (not when the driver is asked to click).
    await admit.evaluate((button) =>
      button.addEventListener('click', () => (window.__pressedAt = Date.now()), { capture: true, once: true }),
    );
    await admit.click();
    const [seenByPatient, seenByClinician] = await Promise.all([firstFrameOf(p.d), firstFrame(c)]);
    const pressed = await c.evaluate(() => window.__pressedAt ?? NaN);
    printTrace(pressed, seenByPatient, seenByClinician);
    await post(c, `/api/visits/${id}/end`, { outcome: 'completed' });
    return Math.max(seenByPatient, seenByClinician) - pressed;
  } catch (err) {
    // What each side showed when the call went wrong, to look at.
    const dir = await mkdtemp(join(tmpdir(), 'portico-bench-join-failed-'));
    await Promise.allSettled([
      p.d.screenshot(join(dir, 'patient.png')),
      c.screenshot({ path: join(dir, 'clinician.png') }),
    ]);
    console.error(`\nA call failed; screenshots of both pages are in ${dir}`);
    throw err;
  } finally {
    await Promise.all([p.close(), c.close()]);
  }
}

/**
 * The floor's signaling: a plain WebSocket server that hands each text message from one page of a
 * pair to the other (no sign-in, no database, no framework), as a minimal real deployment would.
 */
async function startRelay(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const rooms = new Map<string, WebSocket[]>();
  server.on('connection', (socket, request) => {
    const room = request.url ?? '/';
    const peers = rooms.get(room) ?? [];
    peers.push(socket);
    rooms.set(room, peers);
    socket.on('message', (data, isBinary) => {
      for (const other of peers) if (other !== socket) other.send(data, { binary: isBinary });
    });
    socket.on('close', () => {
      const left = peers.filter((p) => p !== socket);
      if (left.length) rooms.set(room, left);
      else rooms.delete(room);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** In each floor page: a camera, one RTCPeerConnection and a socket to the relay; messages handled in order. */
const FLOOR_PAGE = (relayUrl: string) => `(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  const pc = new RTCPeerConnection();
  stream.getTracks().forEach((t) => pc.addTrack(t, stream));
  const ws = new WebSocket(${JSON.stringify(relayUrl)});
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  pc.onicecandidate = (e) => { if (e.candidate) ws.send(JSON.stringify({ candidate: e.candidate.toJSON() })); };
  pc.ontrack = (e) => {
    let video = document.querySelector('video');
    if (!video) {
      video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      document.body.append(video);
      video.requestVideoFrameCallback(() => { window.__firstFrameAt ??= Date.now(); });
    }
    if (e.streams[0] && video.srcObject !== e.streams[0]) video.srcObject = e.streams[0];
  };
  let chain = Promise.resolve();
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    chain = chain.then(async () => {
      if (m.candidate) return pc.addIceCandidate(m.candidate);
      await pc.setRemoteDescription(m.description);
      if (m.description.type === 'offer') {
        await pc.setLocalDescription();
        ws.send(JSON.stringify({ description: pc.localDescription.toJSON() }));
      }
    });
  };
  window.__floorOffer = async () => {
    window.__startedAt = Date.now();
    await pc.setLocalDescription();
    ws.send(JSON.stringify({ description: pc.localDescription.toJSON() }));
  };
})()`;

/**
 * The floor: two pages of our origin (an empty document, no Portico code), each with its camera on
 * and its RTCPeerConnection built, as Portico's pages have theirs while the patient waits; the
 * clock starts in the first page as it makes its offer; offer, answer and candidates cross the
 * relay as they come.
 */
async function bareCall(browser: Browser, origin: string, relayUrl: string): Promise<number> {
  const context = await browser.newContext({ bypassCSP: true });
  try {
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    const room = `${relayUrl}/${Math.random().toString(36).slice(2)}`;
    for (const page of [a, b]) {
      // Our own origin: a secure context on 127.0.0.1.
      await page.goto(`${origin}/healthz`);
      await page.evaluate(FLOOR_PAGE(room));
    }
    await a.evaluate('window.__floorOffer()');
    const [fa, fb] = await Promise.all([firstFrame(a), firstFrame(b)]);
    const started = (await a.evaluate('window.__startedAt')) as number;
    return Math.max(fa, fb) - started;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `Portico join benchmark — node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}, ${CALLS} calls of each kind, headless Chromium${WITH_FIREFOX ? ' and Firefox' : ''} with fake camera and microphone`,
  );
  const portico = await startPorticoProcess();
  const relay = await startRelay();
  const browser = await launchChromium({ args: FAKE_MEDIA_ARGS });
  const firefox = WITH_FIREFOX ? await launchFirefox() : null;
  try {
    const patientContext = await signedInContext(browser, portico.origin, 'patient@example.org', true);
    const clinician = await signedInContext(browser, portico.origin, 'clinician@example.org', false);
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
    await bareCall(browser, portico.origin, relay.url);
    const portal: number[] = [];
    const mixed: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      portal.push(await portalCall(portico, chromiumPatientPages, clinician));
      if (firefoxPatientPages) mixed.push(await portalCall(portico, firefoxPatientPages, clinician));
      bare.push(await bareCall(browser, portico.origin, relay.url));
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
    await relay.close();
    await portico.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
