import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActivationCode, Patient, SessionInfo } from '@portico/contracts';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findChromium, INSTALL_HINT } from '../scripts/chromium-path.mjs';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import type { DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD } from '../server/src/demo/data.js';
import { openPgliteFromTemplate } from '../server/test/db-template.js';
import { seedDemo } from '../server/src/demo/seed.js';
import { ensureDemoHours } from '../server/src/demo/registration.js';
import { ensureDemoInternational } from '../server/src/demo/international.js';
import type { Services } from '../server/src/lib/module.js';

export { DEMO_PASSWORD };

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

/** An iPhone 12–15-sized screen: most patients use the portal from a phone. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/** A running Portico on a real port, in this process, with the demo data loaded. */
export interface Portico {
  /** e.g. http://127.0.0.1:43817 — also the configured public URL. */
  origin: string;
  app: FastifyInstance;
  services: Services;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** A port that was free a moment ago, so the public URL can name it before the server listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the probe port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/**
 * The pages under test must be the bundle Portico ships. A development build (React's dev runtime:
 * effects run twice, so a visit page opens its socket twice and focus moves on first load) once
 * reached e2e when a test started `npm start` in a fresh clone with NODE_ENV=test.
 */
function assertProductionBuild(): void {
  const assets = join(WEB_DIST, 'assets');
  const dev = readdirSync(assets)
    .filter((f) => /^index-.*\.js$/.test(f))
    .some((f) => readFileSync(join(assets, f), 'utf8').includes('jsxDEV'));
  if (dev) {
    throw new Error(`${assets} holds a development build of the web app; rebuild it with \`npm run build:web\`.`);
  }
}

/**
 * Starts Portico as `npm start` would (migrate, demo data, built web app), but on an in-memory
 * database and a random local port. Throws when the web app has not been built. `publicHost`
 * names the host in the public URL: `localhost` where a test needs a domain (passkeys are bound
 * to one; browsers refuse an IP address).
 */
export async function startPortico(
  env: Record<string, string> = {},
  { publicHost = '127.0.0.1' }: { publicHost?: '127.0.0.1' | 'localhost' } = {},
): Promise<Portico> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The web app is not built: ${join(WEB_DIST, 'index.html')} is missing. ` +
        'Run `npm run build:web` first (`npm run test:e2e` does it for you).',
    );
  }
  assertProductionBuild();
  const port = await freePort();
  const origin = `http://${publicHost}:${port}`;
  const config = loadConfig({
    PORTICO_PORT: String(port),
    PORTICO_HOST: '127.0.0.1',
    PORTICO_PUBLIC_URL: origin,
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_WEB_DIST: WEB_DIST,
    // The lockout under test is per account; the per-IP limit would only make runs flaky.
    PORTICO_AUTH_RATE_LIMIT: '1000',
    PORTICO_WRITE_RATE_LIMIT: '100000',
    // Chromium's driver shares this process's event loop and database; its pauses are not the
    // server's overload (server/test/resilience.int.test.ts proves the shedding).
    PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
    PORTICO_MAX_DATABASE_WAIT_MS: '0',
    PORTICO_MAX_IN_FLIGHT: '100000',
    // The heap measured here is the test runner's (browser drivers, every file's modules), not a server's.
    PORTICO_MAX_HEAP_USED_MB: '0',
    ...env,
  });
  // Every file starts from the same migrated, seeded database, made once per day and per change.
  const database = await openPgliteFromTemplate('demo', {
    prepare: async (db) => {
      await seedDemo(db.db);
      await ensureDemoHours(db.db);
      await ensureDemoInternational(db.db);
    },
    sources: ['demo'],
    extra: new Date().toISOString().slice(0, 10),
  });
  try {
    await migrate(database);
    const { app, services } = await buildApp(config, database);
    await app.listen({ port: config.port, host: config.host });
    return {
      origin,
      app,
      services,
      database,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** A fake camera and microphone that need no permission prompt, for video visit tests. */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] as const;

/** Launches the system Chromium headless (see scripts/ensure-chromium.mjs), with any extra flags. */
export async function launchChromium(options: { args?: readonly string[] } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
}

/** Every URL the pages of a browser context asked for, so a test can prove none left our origin. */
export interface RequestLog {
  urls: string[];
  /** Uncaught exceptions thrown in any page. */
  pageErrors: string[];
  /** The recorded URLs that are not on `origin` (data: and blob: URLs are local, so allowed). */
  offOrigin(): string[];
}

/** A fresh browser context (own cookies) sized like a phone unless told otherwise, recording requests. */
export async function newContext(
  browser: Browser,
  origin: string,
  viewport: { width: number; height: number } = PHONE,
): Promise<{ context: BrowserContext; log: RequestLog }> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    viewport,
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: phone ? 3 : 1,
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  const log: RequestLog = {
    urls: [],
    pageErrors: [],
    offOrigin() {
      return log.urls.filter((url) => {
        if (url.startsWith('data:') || url.startsWith('blob:')) return false;
        try {
          return new URL(url).origin !== origin;
        } catch {
          return true;
        }
      });
    },
  };
  context.on('request', (request) => log.urls.push(request.url()));
  context.on('page', (page) => {
    page.on('websocket', (socket) => log.urls.push(socket.url()));
    page.on('pageerror', (error) => log.pageErrors.push(error.message));
  });
  return { context, log };
}

/** Where screenshots go: never into the repository. */
export async function screenshotDir(): Promise<string> {
  const dir = process.env['PORTICO_E2E_SCREENSHOTS'] ?? join(tmpdir(), 'portico-e2e-screenshots');
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A signed-in API client over real HTTP (cookie + CSRF token), for setting up what a test needs. */
export interface ApiClient {
  session: SessionInfo;
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

async function readJson(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${text}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** Signs in through POST /api/auth/login, as the web app does. */
export async function apiSignIn(origin: string, email: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const session = (await readJson(res, `sign-in as ${email}`)) as SessionInfo;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('portico_session='));
  if (!cookie) throw new Error(`sign-in as ${email} set no portico_session cookie`);
  return {
    session,
    async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
      const headers: Record<string, string> = { cookie };
      if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const r = await fetch(`${origin}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await readJson(r, `${method} ${path}`)) as T;
    },
  };
}

/** A made-up patient with a unique email, so tests never collide with each other or the demo data. */
export function newPatientDetails(givenName: string): {
  givenName: string;
  familyName: string;
  birthDate: string;
  email: string;
  password: string;
} {
  const tag = randomUUID().slice(0, 8);
  return {
    givenName,
    familyName: `Testperson`,
    birthDate: '1948-07-19',
    email: `${givenName.toLowerCase()}.${tag}@example.net`,
    password: 'Lantern orchard 7391',
  };
}

/** Registers a patient as front-desk staff would and issues an activation code for them. */
export async function registerPatientWithCode(
  staff: ApiClient,
  details: { givenName: string; familyName: string; birthDate: string },
): Promise<{ patient: Patient; code: string }> {
  const patient = await staff.request<Patient>('POST', '/api/patients', {
    givenName: details.givenName,
    familyName: details.familyName,
    birthDate: details.birthDate,
  });
  const { code } = await staff.request<ActivationCode>('POST', `/api/patients/${patient.id}/activation-codes`);
  return { patient, code };
}

/** Creates a patient account straight through the API (no browser), for tests about signing in. */
export async function enrolledPatient(origin: string, givenName: string): Promise<{ email: string; password: string }> {
  const staff = await apiSignIn(origin, 'staff@example.org', DEMO_PASSWORD);
  const details = newPatientDetails(givenName);
  const { code } = await registerPatientWithCode(staff, details);
  const res = await fetch(`${origin}/api/auth/activate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      activationCode: code,
      birthDate: details.birthDate,
      email: details.email,
      password: details.password,
    }),
  });
  await readJson(res, 'activation');
  return { email: details.email, password: details.password };
}

/**
 * Makes every session of the account older than the step-up window (five minutes), so its next
 * sensitive change asks the person to confirm it is them.
 */
export async function staleStepUp(portico: Portico, email: string): Promise<void> {
  const { db } = portico.database;
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  await db
    .updateTable('sessions')
    .set({ reauthenticated_at: new Date(Date.now() - 6 * 60_000) })
    .where('user_id', '=', user.id)
    .execute();
}

/**
 * One Portico (its own database, from the demo template) and one Chromium for a test file:
 * started before the file's tests, closed after them.
 */
export function e2eSuite(): { readonly portico: Portico; readonly browser: Browser } {
  let portico: Portico | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    portico = await startPortico();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await portico?.close();
  });
  return {
    get portico() {
      if (!portico) throw new Error('Portico has not started: use it inside a test');
      return portico;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not started: use it inside a test');
      return browser;
    },
  };
}
