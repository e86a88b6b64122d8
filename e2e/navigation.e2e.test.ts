import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSuite, newContext, PHONE } from './harness.js';
import { expectOnlyOurOrigin, signInOnPage } from './page-checks.js';

const suite = e2eSuite();

/** Presses Tab from where focus is until `name` has focus; the number of presses, or null. */
async function tabsTo(page: Page, name: string, limit = 40): Promise<number | null> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return presses;
  }
  return null;
}

describe('issue 17: what a new patient sees around the pages', () => {
  it('the home page offers Medications, Billing and Device check as working areas, not "Coming soon"', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    await page.getByRole('heading', { name: 'Medications', level: 2 }).waitFor();
    expect(await page.getByText('Coming soon').count()).toBe(0);
    for (const [link, path, heading] of [
      ['See your medications', '/medications', /medications/i],
      ['See your bills', '/billing', /bill/i],
      ['Check your device', '/device-check', /device/i],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await page.waitForURL(`${suite.portico.origin}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { name: 'Medications', level: 2 }).waitFor();
    }
    expectOnlyOurOrigin(log);
    await context.close();
  });

  it('the keyboard reaches "Find a doctor" from the patient home in at most 6 Tab presses', async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    // Just signed in, focus is on the page's heading (it took 25 presses from there).
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const fromHeading = await tabsTo(page, 'Find a doctor');
    expect(fromHeading).not.toBeNull();
    expect(fromHeading).toBeLessThanOrEqual(6);
    // Opened afresh, the Tab order starts at the top: skip link, then the main destinations first.
    await page.goto(`${suite.portico.origin}/`);
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    const fromTop = await tabsTo(page, 'Find a doctor');
    expect(fromTop).not.toBeNull();
    expect(fromTop).toBeLessThanOrEqual(6);
    // The second group (profile, help, account…) still comes in the same menu, after the main one.
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    expect(await nav.getByRole('list').count()).toBe(2);
    await nav.getByRole('link', { name: 'Account and password' }).waitFor();
    await context.close();
  });

  it('on a phone, the menu button and then "Find a doctor" are a few presses away', async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, PHONE);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    await page.goto(`${suite.portico.origin}/`);
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    const toMenu = await tabsTo(page, 'Menu');
    expect(toMenu).not.toBeNull();
    expect(toMenu).toBeLessThanOrEqual(4);
    await page.keyboard.press('Enter');
    let presses = 0;
    while (presses < 10) {
      await page.keyboard.press('Tab');
      presses += 1;
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Find a doctor') break;
    }
    expect(presses).toBeLessThanOrEqual(5);
    await context.close();
  });

  it('offers "Register as a new patient" to visitors only, and "International center" to international patients only', async () => {
    const visitor = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const home = await visitor.context.newPage();
    await home.goto(`${suite.portico.origin}/find-a-doctor`);
    await home.getByRole('contentinfo').getByRole('link', { name: 'Register as a new patient' }).waitFor();
    await visitor.context.close();

    const { context } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Find a doctor' }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'Get help' }).waitFor();
    expect(await page.getByRole('link', { name: 'Register as a new patient' }).count()).toBe(0);
    // Eleanor lives in the US and has not opted in: the profile page offers the center instead.
    await nav.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Living outside the United States?' }).waitFor();
    expect(await nav.getByRole('link', { name: 'International center' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Use the international patient center' }).click();
    await page.getByRole('heading', { level: 1, name: 'International patient center' }).waitFor();
    await context.close();

    const abroad = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const ana = await signInOnPage(suite.portico.origin, abroad.context, 'intl@example.org');
    await ana
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'International center' })
      .waitFor();
    await abroad.context.close();
  });
});
