import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestIdp, type TestIdp } from '../server/test/oidc-idp.js';
import { freePort, launchChromium, newContext, PHONE, staleStepUp, startPortico, type Portico } from './harness.js';
import { unnamedControls } from './page-checks.js';

// Issue 13, item 7: a clinician signs in through the hospital's OpenID provider in Chromium, on a
// phone-sized page, and signs out at the provider too. The provider is real (oidc-provider).
let idp: TestIdp;
let portico: Portico;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  idp = await startTestIdp({
    redirectUri: `${origin}/api/auth/sso/callback`,
    postLogoutRedirectUri: `${origin}/signin`,
  });
  portico = await startPortico({
    PORTICO_PORT: String(port),
    PORTICO_PUBLIC_URL: origin,
    PORTICO_SSO_ISSUER: idp.issuer,
    PORTICO_SSO_ALLOW_HTTP: 'true',
    PORTICO_SSO_CLIENT_ID: idp.clientId,
    PORTICO_SSO_CLIENT_SECRET: idp.clientSecret,
    PORTICO_SSO_NAME: 'Harbor Health',
    PORTICO_SSO_SCOPES: 'openid email profile groups organization',
    PORTICO_SSO_ROLE_MAP: 'doctors=clinician,it-admins=admin',
    PORTICO_SSO_REQUIRED_GROUP: 'portico-users',
    PORTICO_SSO_ORGANIZATION_MAP: 'HGH=harbor-general',
    // Staff sign in only at the hospital: no Portico password to re-type for a step-up.
    PORTICO_WORKFORCE_LOCAL_PASSWORDS: 'off',
  });
  browser = await launchChromium();
  // The first file of the day builds the seeded database template; a loaded machine takes a while.
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await portico?.close();
  await idp?.close();
});

describe('workforce single sign-on in Chromium', () => {
  it('a clinician clicks "Sign in with Harbor Health", signs in at the provider, and signs out there too', async () => {
    idp.accounts.set('dr-okafor', {
      sub: 'dr-okafor',
      email: 'n.okafor@harbor-idp.example',
      email_verified: true,
      given_name: 'Nnamdi',
      family_name: 'Okafor',
      groups: ['portico-users', 'doctors'],
      organization: 'HGH',
      amr: ['pwd', 'otp'],
    });
    const { context, log } = await newContext(browser, origin, PHONE);
    const page = await context.newPage();
    await page.goto(`${origin}/signin`);
    const button = page.getByRole('link', { name: 'Sign in with Harbor Health' });
    await button.waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await button.click();

    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByLabel('User name').fill('dr-okafor');
    await page.getByRole('button', { name: 'Sign in at Test Hospital' }).click();

    await page.waitForURL(`${origin}/`);
    const heading = page.getByRole('heading', { level: 1, name: /^(Welcome|Hello)/ });
    await heading.waitFor();
    expect(await heading.textContent()).toContain('Nnamdi');
    const user = await portico.database.db
      .selectFrom('users')
      .select(['role', 'password_hash'])
      .where('email', '=', 'n.okafor@harbor-idp.example')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ role: 'clinician', password_hash: null });

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === origin && url.pathname === '/signin');
    const session = await page.evaluate(async () => (await (await fetch('/api/auth/session')).json()) as unknown);
    expect(session).toEqual({ session: null });

    // Only the two sites took part: Portico's pages, and the provider's pages the person went to.
    expect(log.pageErrors).toEqual([]);
    expect(log.offOrigin().filter((url) => !url.startsWith(`${idp.issuer}/`))).toEqual([]);
    await context.close();
  });

  it('someone outside the Portico group lands back on the sign-in page, told why', async () => {
    idp.accounts.set('visitor', {
      sub: 'visitor',
      email: 'visitor@harbor-idp.example',
      email_verified: true,
      groups: ['doctors'],
      organization: 'HGH',
    });
    const { context } = await newContext(browser, origin, PHONE);
    const page = await context.newPage();
    await page.goto(`${origin}/signin`);
    await page.getByRole('link', { name: 'Sign in with Harbor Health' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByLabel('User name').fill('visitor');
    await page.getByRole('button', { name: 'Sign in at Test Hospital' }).click();
    await page.waitForURL((url) => url.origin === origin && url.pathname === '/signin');
    const alert = page.getByRole('alert').filter({ hasText: 'We could not sign you in with your hospital account' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('does not have access to Portico');
    await context.close();
  });

  it('past the step-up window, a clinician confirms it is them by signing in at the hospital again', async () => {
    idp.accounts.set('dr-amara', {
      sub: 'dr-amara',
      email: 'a.mensah@harbor-idp.example',
      email_verified: true,
      given_name: 'Amara',
      family_name: 'Mensah',
      groups: ['portico-users', 'doctors'],
      organization: 'HGH',
      amr: ['pwd', 'otp'],
    });
    const { context, log } = await newContext(browser, origin, PHONE);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    /** At the provider: its sign-in form, unless it remembers the person and sends them straight back. */
    const signInAtHospital = async () => {
      const back = page.waitForURL(`${origin}/`).then(() => 'back' as const);
      const form = page.getByLabel('User name');
      const seen = await Promise.race([back, form.waitFor().then(() => 'form' as const)]).catch(() => 'none');
      if (seen === 'form') {
        await form.fill('dr-amara');
        await page.getByRole('button', { name: 'Sign in at Test Hospital' }).click();
      }
      await back;
    };
    await page.goto(`${origin}/signin`);
    await page.getByRole('link', { name: 'Sign in with Harbor Health' }).click();
    await signInAtHospital();

    await staleStepUp(portico, 'a.mensah@harbor-idp.example');
    await page.goto(`${origin}/account/security`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await dialog.getByText('sign in again with Harbor Health').waitFor();
    expect(await dialog.getByLabel('Password', { exact: true }).count()).toBe(0);
    await dialog.getByRole('link', { name: 'Sign in with Harbor Health' }).click();
    await signInAtHospital();

    // The new sign-in is the step-up: the same change now goes straight through.
    await page.goto(`${origin}/account/security`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code to add Portico to your authenticator app' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
