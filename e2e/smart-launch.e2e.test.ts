import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, e2eSuite, newContext, PHONE, staleStepUp } from './harness.js';
import { unnamedControls } from './page-checks.js';

const suite = e2eSuite();
let appServer: Server;
let appOrigin = '';
let clientId = '';

interface LaunchResult {
  ok: boolean;
  error?: string;
  patient?: string | null;
  accessToken?: string;
  refreshToken?: string;
  scope?: string;
}

/**
 * A small SMART app on its own origin: launch.html starts a standalone launch with fhirclient
 * (SMART's own JavaScript client, bundled here from node_modules, never from a CDN) using PKCE;
 * callback.html finishes it and keeps what the token response said for the test to read.
 */
async function startSmartApp(): Promise<void> {
  const bundle = await build({
    stdin: {
      contents: "import FHIR from 'fhirclient'; window.FHIR = FHIR;",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const page = (body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test SMART app</title><script src="/fhirclient.js"></script></head><body><main><h1>Test SMART app</h1><p id="out">working</p></main><script>${body}</script></body></html>`;
  const launch = page(`
    const p = new URLSearchParams(location.search);
    FHIR.oauth2.authorize({
      iss: p.get('iss'), clientId: p.get('client_id'), redirectUri: '/callback.html', pkceMode: 'required',
      scope: 'openid fhirUser launch/patient offline_access patient/*.rs',
    });`);
  const callback = page(`
    FHIR.oauth2.ready().then((client) => {
      const t = client.state.tokenResponse;
      window.smartClient = client;
      window.smartResult = { ok: true, patient: client.patient.id, accessToken: t.access_token, refreshToken: t.refresh_token, scope: t.scope };
      document.getElementById('out').textContent = 'connected';
    }, (err) => {
      window.smartResult = { ok: false, error: String(err && err.message || err) + ' ' + location.search };
      document.getElementById('out').textContent = 'failed';
    });`);
  appServer = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/fhirclient.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else if (path === '/launch.html' || path === '/callback.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(path === '/launch.html' ? launch : callback);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  await startSmartApp();
  const created = await suite.portico.services.smart.apps.register(null, {
    name: 'Pocket Health Test App',
    kind: 'public',
    redirectUris: [`${appOrigin}/callback.html`],
    scopes: ['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/*.rs'],
  });
  clientId = created.app.clientId;
});
afterAll(async () => {
  if (appServer) await new Promise((resolve) => appServer.close(resolve));
});

/** Opens the app, which sends the browser to Portico; the patient signs in on Portico's own page. */
async function startLaunch(page: Page): Promise<void> {
  const iss = `${suite.portico.origin}/fhir/R4`;
  await page.goto(`${appOrigin}/launch.html?${new URLSearchParams({ iss, client_id: clientId }).toString()}`);
  await page.waitForURL((url) => url.origin === suite.portico.origin && url.pathname === '/signin');
  await page.getByLabel('Email', { exact: true }).fill('patient@example.org');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Allow Pocket Health Test App to see health information?' })
    .waitFor();
}

async function appResult(page: Page): Promise<LaunchResult> {
  await page.waitForURL((url) => url.origin === appOrigin && url.pathname === '/callback.html');
  await page.waitForFunction(() => 'smartResult' in window, undefined, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { smartResult: LaunchResult }).smartResult);
}

describe('SMART standalone launch with fhirclient', () => {
  it('signs the patient in, shows what the app will read, and hands the app a PKCE-bound token for her record', async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await startLaunch(page);
    const main = page.locator('main');
    await main.getByText(/^Everything in the record: results, medicines/).waitFor();
    await main.getByText('It can keep reading until you disconnect it in Connected apps').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Approving an app is a sensitive change: with her sign-in older than five minutes, the
    // password is asked for first, and the approval then goes through.
    await staleStepUp(suite.portico, 'patient@example.org');
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    const stepUp = page.getByRole('dialog', { name: 'Confirm it is you' });
    await stepUp.waitFor();
    await stepUp.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await stepUp.getByRole('button', { name: 'Confirm' }).click();

    const result = await appResult(page);
    expect(result.ok).toBe(true);
    const eleanor = await suite.portico.database.db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select('p.id')
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    expect(result.patient).toBe(eleanor.id);
    expect(result.scope).toContain('patient/*.rs');
    const grant = await suite.portico.services.smart.verifier.verify(result.accessToken ?? '');
    expect(grant).toMatchObject({ patientId: eleanor.id, appName: 'Pocket Health Test App' });

    // The app reads her record with fhirclient in its own page, cross-origin (CORS on /fhir/R4),
    // and never another patient's.
    const ana = await suite.portico.database.db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select('p.id')
      .where('u.email', '=', 'intl@example.org')
      .executeTakeFirstOrThrow();
    const reads = await page.evaluate(
      async ({ patientId, otherId }) => {
        interface FhirClient {
          request<T>(url: string): Promise<T>;
        }
        const client = (window as unknown as { smartClient: FhirClient }).smartClient;
        const me = await client.request<{ resourceType: string; id: string }>(`Patient/${patientId}`);
        const labs = await client.request<{
          resourceType: string;
          entry?: { resource: { resourceType: string; category?: { coding?: { code?: string }[] }[] } }[];
        }>(`Observation?patient=${patientId}&category=laboratory&_count=20`);
        let other = 0;
        try {
          await client.request(`Patient/${otherId}`);
          other = 200;
        } catch (err) {
          other =
            (err as { status?: number; statusCode?: number }).status ??
            (err as { statusCode?: number }).statusCode ??
            -1;
        }
        return {
          me: `${me.resourceType}/${me.id}`,
          labs: labs.entry?.length ?? 0,
          categories: [
            ...new Set(
              labs.entry?.flatMap((e) => e.resource.category?.flatMap((c) => c.coding?.map((x) => x.code)) ?? []),
            ),
          ],
          other,
          origin: location.origin,
        };
      },
      { patientId: eleanor.id, otherId: ana.id },
    );
    expect(reads.origin).toBe(appOrigin);
    expect(reads.me).toBe(`Patient/${eleanor.id}`);
    expect(reads.labs).toBe(20);
    expect(reads.categories).toEqual(['laboratory']);
    expect(reads.other).toBe(404);

    // 2. She disconnects the app in Connected apps: its refresh token fails from then on.
    await page.goto(`${suite.portico.origin}/connected-apps`);
    await page.getByRole('heading', { level: 3, name: 'Pocket Health Test App' }).waitFor();
    await page.getByRole('button', { name: 'Disconnect Pocket Health Test App' }).click();
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.getByText('Pocket Health Test App is disconnected.').waitFor();
    const refresh = await fetch(`${suite.portico.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: result.refreshToken ?? '',
        client_id: clientId,
      }),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    expect(await suite.portico.services.smart.verifier.verify(result.accessToken ?? '')).toBeNull();
    await context.close();
  });

  it("sends access_denied back to the app when the patient doesn't allow it", async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await startLaunch(page);
    await page.getByRole('button', { name: "Don't allow", exact: true }).click();
    const result = await appResult(page);
    expect(result.ok).toBe(false);
    expect(result.error).toContain('access_denied');
    await context.close();
  });
});
