import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSuite, newContext, PHONE } from './harness.js';
import { expectOnlyOurOrigin, openFromMenu, signInOnPage, unnamedControls } from './page-checks.js';

const suite = e2eSuite();

const statusOf = (page: Page) => page.locator('main [role="status"][aria-live="polite"]');
const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

/** The public directory's answer, as ids (up to 50, more than any line has in the demo). */
async function directoryIds(page: Page, query: string): Promise<string[]> {
  const res = await page.request.get(`${suite.portico.origin}/api/directory/clinicians?${query}&pageSize=50`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { clinicians: { id: string }[] };
  return body.clinicians.map((c) => c.id);
}

/** The result count the page announces once it has settled on a query. */
async function countFor(page: Page, search: string): Promise<string> {
  await page.goto(`${suite.portico.origin}/find-a-doctor?${search}`);
  await expect.poll(() => statusOf(page).textContent()).toMatch(/found\.$/);
  return (await statusOf(page).textContent()) ?? '';
}

describe('issue 17: find a doctor', () => {
  it('applies each filter at once, keeps it in the address to share, and Back undoes it', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${suite.portico.origin}/find-a-doctor`);
    await expect.poll(() => statusOf(page).textContent()).toMatch(/clinicians found/);

    const serviceLine = page.getByLabel('Service line');
    await serviceLine.focus();
    await serviceLine.selectOption({ label: 'Cardiac' });
    await expect.poll(() => params(page)).toEqual({ serviceLine: 'cardiac' });
    await expect.poll(() => statusOf(page).textContent()).toBe('2 clinicians found.');
    // Focus stays on the list just used, so the next filter is one Tab away.
    expect(await page.evaluate(() => document.activeElement?.id)).toContain('serviceLine');

    await page.getByLabel('Type of visit').selectOption({ label: 'Video' });
    await expect.poll(() => params(page)).toEqual({ serviceLine: 'cardiac', visitMode: 'video' });
    const shared = page.url();

    await page.goBack();
    await expect.poll(() => params(page)).toEqual({ serviceLine: 'cardiac' });
    await expect.poll(() => page.getByLabel('Type of visit').inputValue()).toBe('');
    await expect.poll(() => statusOf(page).textContent()).toBe('2 clinicians found.');
    await page.goBack();
    await expect.poll(() => params(page)).toEqual({});
    await expect.poll(() => page.getByLabel('Service line').inputValue()).toBe('');

    // Someone opening the shared link sees the same search and results.
    const other = await context.newPage();
    await other.goto(shared);
    await expect.poll(() => other.getByLabel('Service line').inputValue()).toBe('cardiac');
    await expect.poll(() => other.getByLabel('Type of visit').inputValue()).toBe('video');
    await expect.poll(() => statusOf(other).textContent()).toMatch(/found\.$/);
    expectOnlyOurOrigin(log);
    await context.close();
  });

  it('keeps both of two filters chosen faster than the page re-renders', async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${suite.portico.origin}/find-a-doctor`);
    await expect.poll(() => statusOf(page).textContent()).toMatch(/clinicians found/);
    // Both changes in one task: the second handler runs before React has re-rendered the first.
    await page.evaluate(() => {
      const pick = (label: string, value: string) => {
        const select = [...document.querySelectorAll('select')].find((s) =>
          s.labels?.[0]?.textContent?.includes(label),
        );
        if (!select) throw new Error(`no ${label} list`);
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      };
      pick('Service line', 'cardiac');
      pick('Type of visit', 'video');
    });
    await expect.poll(() => params(page)).toEqual({ serviceLine: 'cardiac', visitMode: 'video' });
    await context.close();
  });

  it('on a phone, a filter chosen from the folded panel applies without pressing Search', async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, PHONE);
    const page = await context.newPage();
    await page.goto(`${suite.portico.origin}/find-a-doctor`);
    await page.getByRole('button', { name: /Show filters/ }).click();
    await page.getByLabel('Language spoken').selectOption({ label: 'Spanish' });
    await expect.poll(() => params(page)).toEqual({ language: 'es' });
    await expect.poll(() => statusOf(page).textContent()).toMatch(/found\.$/);
    expect(await unnamedControls(page)).toEqual([]);
    await context.close();
  });

  it('a search for the service line, its specialty or a common word finds every clinician of the line', async () => {
    const { context } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await context.newPage();
    const ids = (query: string) => directoryIds(page, query);
    for (const [line, words] of [
      ['cardiac', ['cardiology', 'cardiac', 'heart', 'Cardiologist']],
      ['dermatology', ['skin', 'dermatologist']],
      ['orthopedics', ['bones', 'orthopedic']],
      ['nephrology', ['kidney']],
      ['womens-health', ['gynecology', 'pregnancy']],
    ] as const) {
      const inLine = await ids(`serviceLine=${line}`);
      expect(inLine.length, line).toBeGreaterThan(0);
      for (const word of words)
        expect(await ids(`q=${word}`), `${word} → ${line}`).toEqual(expect.arrayContaining(inLine));
    }
    // What a person reads: "cardiology" lists at least as many as the Cardiac filter.
    const cardiac = Number((await countFor(page, 'serviceLine=cardiac')).match(/\d+/)?.[0]);
    const cardiology = Number((await countFor(page, 'q=cardiology')).match(/\d+/)?.[0]);
    expect(cardiology).toBeGreaterThanOrEqual(cardiac);
    await context.close();
  });

  it('an admin edits the search words of a line, and the public search uses them at once', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await signInOnPage(suite.portico.origin, context, 'admin@example.org');
    expect(await directoryIds(page, 'q=waterworks')).toEqual([]);
    await openFromMenu(page, 'Search words');
    await page.getByRole('heading', { level: 1, name: 'Search words' }).waitFor();
    await page.getByLabel('Service line', { exact: true }).selectOption({ label: 'Urology' });
    const words = page.getByLabel('Search words for Urology');
    await expect.poll(() => words.inputValue()).toContain('bladder');
    expect(await unnamedControls(page)).toEqual([]);
    await words.fill('bad-word!');
    await page.getByRole('button', { name: 'Save words' }).click();
    await page.getByRole('alert').getByText('bad-word!').first().waitFor();
    await words.fill('bladder prostate urinary waterworks');
    await page.getByRole('button', { name: 'Save words' }).click();
    await page.getByText('Saved. Searches use the words for Urology now.').waitFor();

    const urology = await directoryIds(page, 'serviceLine=urology');
    expect(urology.length).toBeGreaterThan(0);
    expect(await directoryIds(page, 'q=waterworks')).toEqual(expect.arrayContaining(urology));
    expectOnlyOurOrigin(log);
    await context.close();
  });
});
