import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchChromium,
  newContext,
  PHONE,
  staleStepUp,
  startPortico,
  type Portico,
} from './harness.js';

// Issue 13, item 1: a clinician must set up an authenticator app at first sign-in, then signs in
// with a code from it — on a phone-sized page. Codes are computed here, as the app would.
let portico: Portico;
let browser: Browser;
beforeAll(async () => {
  portico = await startPortico({ PORTICO_MFA_REQUIRED_ROLES: 'clinician,admin' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await portico?.close();
});

async function signInWithPassword(page: Page, email: string): Promise<void> {
  await page.goto(`${portico.origin}/signin`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

describe('second factor', () => {
  it('a clinician sets up an authenticator app at first sign-in, then signs in with its code', async () => {
    const first = await newContext(browser, portico.origin, PHONE);
    first.context.setDefaultTimeout(15_000);
    const page = await first.context.newPage();
    await signInWithPassword(page, 'clinician@example.org');

    // Nothing else opens until a second factor is set up.
    await page.getByRole('heading', { name: 'Sign-in security', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/security');
    await page.getByText('Your organization asks you to set up a second step').waitFor();
    await page.goto(`${portico.origin}/patients`);
    await page.getByRole('heading', { name: 'Sign-in security', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.getByRole('img', { name: 'QR code to add Portico to your authenticator app' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const codeField = page.getByLabel('6-digit code from your app');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    await codeField.fill(await codeAt(secret));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: 'Turn on' }).click();

    const codes = page.getByTestId('recovery-codes').getByRole('listitem');
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByText('You have 10 recovery codes left.').waitFor();
    // The page fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // Now the rest of the app opens.
    await page.goto(`${portico.origin}/patients`);
    await page.getByRole('heading', { name: 'Find a patient', level: 1 }).waitFor();
    await first.context.close();
    expect(first.log.offOrigin()).toEqual([]);
    expect(first.log.pageErrors).toEqual([]);

    // A new browser: the password alone is not enough.
    const second = await newContext(browser, portico.origin, PHONE);
    second.context.setDefaultTimeout(15_000);
    const again = await second.context.newPage();
    await signInWithPassword(again, 'clinician@example.org');
    await again.getByRole('heading', { name: 'Confirm it is you', level: 1 }).waitFor();
    expect(new URL(again.url()).pathname).toBe('/signin/verify');
    const wrong = again.getByLabel('6-digit code from your app');
    await wrong.fill('000000');
    await again.getByRole('button', { name: 'Sign in', exact: true }).click();
    await again.getByText('That code is not right.').first().waitFor();
    // The next step's code (the app's newest), since the enrollment used this step's.
    await wrong.fill(await codeAt(secret, 30));
    await again.getByRole('button', { name: 'Sign in', exact: true }).click();
    await again.waitForURL((url) => url.pathname === '/');
    await again.goto(`${portico.origin}/patients`);
    await again.getByRole('heading', { name: 'Find a patient', level: 1 }).waitFor();

    // Changing the password with a second factor set up: past the step-up window, the form first
    // asks to confirm it is them (here with the password), then the change goes through.
    await again.goto(`${portico.origin}/account`);
    await again.getByRole('heading', { name: 'Account and password', level: 1 }).waitFor();
    await staleStepUp(portico, 'clinician@example.org');
    await again.getByLabel('Current password', { exact: true }).fill(DEMO_PASSWORD);
    await again.getByLabel('New password', { exact: true }).fill('Lantern-meadow-copper-42');
    await again.getByLabel('Confirm new password', { exact: true }).fill('Lantern-meadow-copper-42');
    await again.getByRole('button', { name: 'Change password' }).click();
    const stepUp = again.getByRole('dialog', { name: 'Confirm it is you' });
    await stepUp.waitFor();
    await stepUp.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await stepUp.getByRole('button', { name: 'Confirm' }).click();
    await again.getByText('Your password is changed.').waitFor();
    expect(await again.getByRole('dialog').count()).toBe(0);
    await second.context.close();
    expect(second.log.offOrigin()).toEqual([]);
  });
});
