import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSuite, enrolledPatient, newContext, PHONE, type RequestLog } from './harness.js';

const suite = e2eSuite();

async function openSignIn(viewport: { width: number; height: number }): Promise<{ page: Page; log: RequestLog }> {
  const { context, log } = await newContext(suite.browser, suite.portico.origin, viewport);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${suite.portico.origin}/signin`);
  return { page, log };
}

/** Submits the sign-in form and waits for the server's answer. */
async function trySignIn(page: Page, email: string, password: string): Promise<Response> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login'),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  return response;
}

function expectOnlyOurOrigin(log: RequestLog): void {
  expect(log.pageErrors).toEqual([]);
  expect(log.urls.length).toBeGreaterThan(0);
  expect(log.offOrigin()).toEqual([]);
}

describe('signing in', () => {
  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('explains a wrong password and stays on sign-in (%s)', async (_name, viewport) => {
    const patient = await enrolledPatient(suite.portico.origin, 'Agnes');
    const { page, log } = await openSignIn(viewport);

    const response = await trySignIn(page, patient.email, 'Not the right password');
    expect(response.status()).toBe(401);
    const alert = page.getByRole('alert').filter({ hasText: /email or password/i });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not right|incorrect|wrong|doesn.t match|does not match/i);
    expect(new URL(page.url()).pathname).toBe('/signin');

    await page.context().close();
    expectOnlyOurOrigin(log);
  });

  it('slows down password sign-in after five wrong tries, never locks, and offers a link by email', async () => {
    const patient = await enrolledPatient(suite.portico.origin, 'Walter');
    const { page, log } = await openSignIn(PHONE);

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await trySignIn(page, patient.email, `Wrong guess ${attempt}`);
      expect(response.status()).toBe(401);
    }
    // Even the right password waits its turn: the answer must not tell a guesser they found it.
    const sixth = await trySignIn(page, patient.email, patient.password);
    expect(sixth.status()).toBe(429);
    await page
      .getByRole('alert')
      .filter({ hasText: /slowed down/i })
      .waitFor();
    await page.getByRole('link', { name: 'Email me a sign-in link instead' }).first().click();
    await page.getByRole('heading', { name: 'Sign in with a link by email' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin/link');

    await page.context().close();
    expectOnlyOurOrigin(log);
  });

  it('shows a strength meter with plain advice while a new password is typed, on a phone', async () => {
    const { page, log } = await openSignIn(PHONE);
    await page.goto(`${suite.portico.origin}/enroll/signup`);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('correcthorse');
    await page.getByText('Too easy to guess.').waitFor();
    await page.getByText(/Try three or four unrelated words/).waitFor();
    await password.fill('lantern orchard river');
    await page.getByText(/^(Good|Strong)\.$/).waitFor();
    expect(await page.getByRole('meter', { name: 'Password strength' }).count()).toBe(1);
    await password.fill('short');
    await page.getByText('Too short.').waitFor();

    await page.context().close();
    expectOnlyOurOrigin(log);
  });

  it('loads the public pages without asking any other site for anything', async () => {
    const { page, log } = await openSignIn(PHONE);
    for (const path of ['/enroll', '/enroll/code', '/enroll/signup', '/forgot-password', '/signin/link']) {
      await page.goto(`${suite.portico.origin}${path}`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
    await page.context().close();
    expectOnlyOurOrigin(log);
  });
});
