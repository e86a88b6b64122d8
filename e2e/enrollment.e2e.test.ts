import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  DEMO_PASSWORD,
  e2eSuite,
  newContext,
  newPatientDetails,
  registerPatientWithCode,
  screenshotDir,
} from './harness.js';

const suite = e2eSuite();

async function expectHome(page: Page, givenName: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: /Welcome/ });
  await heading.waitFor();
  expect(await heading.textContent()).toContain(givenName);
  expect(new URL(page.url()).pathname).toBe('/');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
}

describe('enrollment with an activation code', () => {
  it('lets a patient activate their account on a phone, sign out, and sign in again', async () => {
    // The front desk registers the patient and hands them a code, through the real API.
    const staff = await apiSignIn(suite.portico.origin, 'staff@example.org', DEMO_PASSWORD);
    const patient = newPatientDetails('Marisol');
    const { code } = await registerPatientWithCode(staff, patient);

    const { context, log } = await newContext(suite.browser, suite.portico.origin);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();

    await page.goto(`${suite.portico.origin}/enroll/code`);
    await page.getByLabel('Activation code').fill(code);
    await page.getByLabel('Date of birth').fill(patient.birthDate);
    await page.getByLabel('Email', { exact: true }).fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    await page.getByLabel('Confirm password').fill(patient.password);
    await page.getByRole('button', { name: 'Activate account' }).click();
    await expectHome(page, patient.givenName);

    await signOut(page);

    await page.getByLabel('Email', { exact: true }).fill(patient.email);
    await page.getByLabel('Password', { exact: true }).fill(patient.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectHome(page, patient.givenName);

    // For people to look at; no pixel assertions.
    await page.screenshot({ path: join(await screenshotDir(), 'patient-home-phone.png'), fullPage: true });

    await signOut(page);
    await context.close();

    expect(log.pageErrors).toEqual([]);
    expect(log.urls.length).toBeGreaterThan(0);
    expect(log.offOrigin()).toEqual([]);
  });
});
