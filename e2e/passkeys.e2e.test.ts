import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrolledPatient,
  launchChromium,
  newContext,
  PHONE,
  staleStepUp,
  startPortico,
  type Portico,
} from './harness.js';
import { expectOnlyOurOrigin } from './page-checks.js';

// Issue 13: a patient adds a passkey, signs out and signs in with it alone (no email typed) — from
// the email field's autofill, and with the button where the browser has no autofill for passkeys;
// gets new recovery codes with only the passkey as a factor; later sharing the record asks them to
// confirm it is them, and the passkey does. The passkey lives in Chromium's virtual authenticator
// (CDP WebAuthn domain), which answers as a phone would. It also answers a conditional (autofill)
// request at once, as if the person had picked the passkey from the list.
let portico: Portico;
let browser: Browser;
beforeAll(async () => {
  // Passkeys are bound to a domain name: the public URL says localhost, not 127.0.0.1.
  portico = await startPortico({}, { publicHost: 'localhost' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await portico?.close();
});

async function virtualAuthenticator(cdp: CDPSession): Promise<string> {
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${portico.origin}/signin`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^(Welcome|Hello)/ }).waitFor();
}

describe('passkeys', () => {
  it('a patient adds a passkey, signs in with it alone, and confirms sharing the record with it', async () => {
    const pia = await enrolledPatient(portico.origin, 'Pia');
    const quinn = await enrolledPatient(portico.origin, 'Quinn');
    const { context, log } = await newContext(browser, portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const authenticatorId = await virtualAuthenticator(cdp);

    // 1. Account › Sign-in security: name the passkey and add it.
    await signInWithPassword(page, pia.email, pia.password);
    await page.goto(`${portico.origin}/account/security`);
    await page.getByRole('heading', { level: 2, name: 'Passkeys' }).waitFor();
    await page.getByLabel('Name for this passkey').fill('My phone');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Your passkey "My phone" is set up.').waitFor();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'Remove the passkey My phone' }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    expect(credentials[0]?.rpId).toBe('localhost');

    // 2. Sign out: back on the sign-in page, the passkey is offered in the email field's autofill
    //    and (picked at once by the virtual authenticator) signs her in — no email, no password.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const welcome = page.getByRole('heading', { level: 1, name: /^(Welcome|Hello)/ });
    await welcome.waitFor();
    expect(await welcome.textContent()).toContain('Pia');
    const signCount = async () =>
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]?.signCount ?? 0;
    const afterAutofill = await signCount();
    expect(afterAutofill).toBeGreaterThan(credentials[0]?.signCount ?? 0);
    const { db } = portico.database;
    const user = await db.selectFrom('users').select('id').where('email', '=', pia.email).executeTakeFirstOrThrow();
    const ended = await db
      .selectFrom('sessions')
      .select('end_reason')
      .where('user_id', '=', user.id)
      .where('ended_at', 'is not', null)
      .execute();
    expect(ended.length).toBeGreaterThan(0);

    // 2b. A browser without passkey autofill: the page falls back quietly to the button.
    await page.addInitScript(() => {
      if (sessionStorage.getItem('e2e:no-autofill') === '1') {
        Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', {
          value: () => Promise.resolve(false),
        });
      }
    });
    await page.evaluate(() => sessionStorage.setItem('e2e:no-autofill', '1'));
    await page.reload();
    await welcome.waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('autocomplete')).toBe('username webauthn');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await welcome.waitFor();
    expect(await welcome.textContent()).toContain('Pia');
    expect(await signCount()).toBeGreaterThan(afterAutofill);

    // 2c. Her only factor is the passkey: she can still get ten new recovery codes.
    await page.goto(`${portico.origin}/account/security`);
    const recovery = page.getByRole('region', { name: 'Recovery codes' });
    await recovery.getByText('You have 10 recovery codes left.').waitFor();
    await recovery.getByRole('button', { name: 'Get new recovery codes' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await page.getByTestId('recovery-codes').getByRole('listitem').count()).toBe(10);
    await page.waitForFunction(() => document.activeElement?.id === 'recovery-codes-title');
    expect(await page.getByRole('heading', { level: 2, name: 'Authenticator app' }).isVisible()).toBe(true);

    // 3. Minutes later, sharing the record asks to confirm it is her; the passkey does, and the share goes on.
    await staleStepUp(portico, pia.email);
    await page.goto(`${portico.origin}/sharing`);
    await page.getByLabel('Their email address').fill(quinn.email);
    await page.getByLabel('They are my').selectOption({ label: 'Spouse' });
    await page.getByRole('radio', { name: 'Everything' }).check();
    await page.getByRole('button', { name: 'Share my record' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await dialog.getByText('For this change, use your passkey or type your password again.').waitFor();
    await dialog.getByRole('button', { name: 'Use my passkey' }).click();
    await page.getByText('Quinn Testperson can now see your record.').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
    expectOnlyOurOrigin(log);
  });
});
