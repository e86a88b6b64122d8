import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, type RequestLog } from './harness.js';

/** Signs in on the real sign-in page in a new tab of `context` and waits for the home page. */
export async function signInOnPage(
  origin: string,
  context: BrowserContext,
  email: string,
  password = DEMO_PASSWORD,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/signin`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${origin}/`);
  await page.getByRole('heading', { level: 1, name: /^(Welcome|Hello)/ }).waitFor();
  return page;
}

/** Opens a page from the main menu, as a person would (the menu folds away on a phone). */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Menu' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true }).click();
}

/** After a client-side navigation or a page that loads first, focus lands on its heading. */
export async function expectHeadingFocused(page: Page, name: RegExp | string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

/** Form controls and buttons the browser's accessibility tree shows without a name. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('main').ariaSnapshot();
  return tree
    .split('\n')
    .filter((line) =>
      /^\s*- (textbox|searchbox|combobox|checkbox|radio|button|spinbutton|listbox)\b(?!\s+")/.test(line),
    );
}

/** No uncaught error in any page, and no request left our own origin. */
export function expectOnlyOurOrigin(log: RequestLog): void {
  expect(log.pageErrors).toEqual([]);
  expect(log.offOrigin()).toEqual([]);
}

let axeSource: string | null = null;

/** axe-core's WCAG violations on the page as it is now, one line each (rule: elements). */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's strict CSP would refuse an injected <script>.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
