/**
 * One way to drive a page in either browser the visit tests use: Chromium through Playwright (as
 * every other e2e test does) or Firefox through puppeteer-core over WebDriver BiDi. Elements are
 * found the same way in both (by role and accessible name, or by label, inside the page), then
 * clicked and typed into by the browser's own driver, so a visit step written once runs in either.
 */
import type { Browser as PwBrowser, BrowserContext as PwContext, Page as PwPage } from 'playwright-core';
import puppeteer, {
  type Browser as PpBrowser,
  type BrowserContext as PpContext,
  type Page as PpPage,
} from 'puppeteer-core';
import { findFirefox, FIREFOX_INSTALL_HINT } from '../scripts/firefox-path.mjs';
import { newContext, type RequestLog } from './harness.js';

export type BrowserName = 'chromium' | 'firefox';
export type Role = 'button' | 'link' | 'checkbox' | 'radio' | 'heading' | 'alert' | 'listitem';
/** An accessible name: exact (whitespace-normalised) text, or a pattern. */
export type Name = string | RegExp;

/** A page in Chromium or Firefox, driven through the same few verbs. */
export interface Driver {
  readonly browser: BrowserName;
  /** Uncaught exceptions thrown in the page. */
  readonly pageErrors: string[];
  goto(url: string): Promise<void>;
  pathname(): Promise<string>;
  /** Waits for an element with this role and name to be shown, then clicks it. */
  click(role: Role, name: Name): Promise<void>;
  /** Types into the text field with this label (replacing what was there). */
  fill(label: Name, value: string): Promise<void>;
  /** Chooses an option (by value) in the list box with this label. */
  select(label: Name, value: string): Promise<void>;
  /** Ticks the checkbox or radio button with this label (a no-op when already ticked). */
  check(label: Name): Promise<void>;
  /** Waits until an element with this role and name is shown (or, with gone, until none is). */
  waitForRole(role: Role, name: Name, options?: { gone?: boolean; timeout?: number }): Promise<void>;
  /** Waits until this text is shown somewhere on the page. */
  waitForText(text: Name, options?: { timeout?: number }): Promise<void>;
  /** Waits until a JavaScript expression (a string, so no build helpers leak into the page) is truthy. */
  waitUntil(expression: string, options?: { timeout?: number }): Promise<void>;
  /** Evaluates a JavaScript expression (awaited in the page) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  screenshot(path: string): Promise<void>;
}

const DEFAULT_TIMEOUT = 45_000;

type Query = { role?: Role; label?: boolean; name: string; regex: string | null; flags: string };

function query(name: Name, extra: { role?: Role; label?: boolean }): Query {
  return typeof name === 'string'
    ? { ...extra, name, regex: null, flags: '' }
    : { ...extra, name: '', regex: name.source, flags: name.flags };
}

/**
 * In-page finder (plain JavaScript source): the first shown element matching the query gets a
 * fresh data-e2e mark, returned for the driver to act on; null while there is none. A rough
 * accessible name: aria-label, aria-labelledby, the field's <label>, else its text.
 */
const FINDER = `(q) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const text = (ids) => norm(ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' '));
  const nameOf = (el) => {
    const aria = el.getAttribute('aria-label');
    if (aria) return norm(aria);
    const by = el.getAttribute('aria-labelledby');
    if (by) return text(by);
    if (el.labels && el.labels.length > 0) return norm([...el.labels].map((l) => l.textContent).join(' '));
    return norm(el.textContent);
  };
  const shown = (el) =>
    el.getClientRects().length > 0 || [...(el.labels || [])].some((l) => l.getClientRects().length > 0);
  const roles = {
    button: 'button, [role=button], input[type=submit]',
    link: 'a[href], [role=link]',
    checkbox: 'input[type=checkbox]',
    radio: 'input[type=radio]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    alert: '[role=alert]',
    listitem: 'li, [role=listitem]',
  };
  const selector = q.label ? 'input, select, textarea' : roles[q.role];
  const matches = (n) => (q.regex === null ? n === q.name : new RegExp(q.regex, q.flags).test(n));
  const hit = [...document.querySelectorAll(selector)].find((el) => shown(el) && matches(nameOf(el)));
  if (!hit) return null;
  const mark = 'm' + Math.random().toString(36).slice(2);
  hit.setAttribute('data-e2e', mark);
  return '[data-e2e="' + mark + '"]';
}`;

const TEXT_SHOWN = `(q) => {
  const body = (document.body && document.body.innerText) || '';
  return q.regex === null ? body.replace(/\\s+/g, ' ').includes(q.name) : new RegExp(q.regex, q.flags).test(body);
}`;

/** What each browser's driver must offer for the shared verbs. */
interface Native {
  browser: BrowserName;
  pageErrors: string[];
  goto(url: string): Promise<void>;
  url(): string;
  evaluateSource<T>(source: string): Promise<T>;
  waitSource(source: string, timeout: number): Promise<void>;
  clickSelector(selector: string): Promise<void>;
  fillSelector(selector: string, value: string): Promise<void>;
  selectSelector(selector: string, value: string): Promise<void>;
  screenshot(path: string): Promise<void>;
}

/** Evaluates `check` every 200 ms until it is truthy; throws after `timeout` ms. */
async function pollUntil(check: () => Promise<unknown>, timeout: number, what: string): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for: ${what.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function driverOver(native: Native): Driver {
  const call = (source: string, arg: unknown) => `(${source})(${JSON.stringify(arg)})`;
  async function locate(q: Query, timeout = DEFAULT_TIMEOUT): Promise<string> {
    await native.waitSource(`${call(FINDER, q)} !== null`, timeout);
    const selector = await native.evaluateSource<string | null>(call(FINDER, q));
    if (!selector) throw new Error(`${q.label ? 'field' : q.role} ${q.regex ?? q.name} went away`);
    return selector;
  }
  return {
    browser: native.browser,
    pageErrors: native.pageErrors,
    goto: (url) => native.goto(url),
    pathname: async () => new URL(native.url()).pathname,
    async click(role, name) {
      await native.clickSelector(await locate(query(name, { role })));
    },
    async fill(label, value) {
      await native.fillSelector(await locate(query(label, { label: true })), value);
    },
    async select(label, value) {
      await native.selectSelector(await locate(query(label, { label: true })), value);
    },
    async check(label) {
      const selector = await locate(query(label, { label: true }));
      const checked = await native.evaluateSource<boolean>(
        `document.querySelector(${JSON.stringify(selector)}).checked`,
      );
      if (!checked) await native.clickSelector(selector);
    },
    async waitForRole(role, name, options = {}) {
      const found = `${call(FINDER, query(name, { role }))} !== null`;
      await native.waitSource(options.gone ? `!(${found})` : found, options.timeout ?? DEFAULT_TIMEOUT);
    },
    async waitForText(text, options = {}) {
      await native.waitSource(call(TEXT_SHOWN, query(text, {})), options.timeout ?? DEFAULT_TIMEOUT);
    },
    waitUntil: (expression, options = {}) => native.waitSource(expression, options.timeout ?? DEFAULT_TIMEOUT),
    evaluate: (expression) => native.evaluateSource(expression),
    screenshot: (path) => native.screenshot(path),
  };
}

/** A Playwright (Chromium) page as a Driver. */
export function playwrightDriver(page: PwPage, log?: RequestLog): Driver {
  const pageErrors = log?.pageErrors ?? [];
  if (!log) page.on('pageerror', (error) => pageErrors.push(error.message));
  return driverOver({
    browser: 'chromium',
    pageErrors,
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    evaluateSource: (source) => page.evaluate(source),
    // Playwright's waitForFunction compiles a string with new Function in the page, which our
    // Content-Security-Policy forbids; page.evaluate of a string does not, so poll from here.
    waitSource: (source, timeout) => pollUntil(() => page.evaluate(source), timeout, source),
    clickSelector: (selector) => page.locator(selector).click(),
    fillSelector: (selector, value) => page.locator(selector).fill(value),
    selectSelector: async (selector, value) => {
      await page.locator(selector).selectOption(value);
    },
    screenshot: async (path) => {
      await page.screenshot({ path, fullPage: true });
    },
  });
}

/** A puppeteer (Firefox over WebDriver BiDi) page as a Driver. */
export function puppeteerDriver(page: PpPage): Driver {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
  return driverOver({
    browser: 'firefox',
    pageErrors,
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    evaluateSource: (source) => page.evaluate(source) as Promise<never>,
    waitSource: async (source, timeout) => {
      await page.waitForFunction(source, { timeout, polling: 200 });
    },
    clickSelector: (selector) => page.locator(selector).click(),
    fillSelector: (selector, value) => page.locator(selector).fill(value),
    selectSelector: async (selector, value) => {
      await page.select(selector, value);
    },
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage: true });
    },
  });
}

/**
 * Firefox prefs for visit tests: a fake camera (a moving picture) and microphone (a tone) that
 * need no permission prompt, and media allowed to play with sound without a click. The rest keep
 * a test browser from reaching out (updates, telemetry, captive-portal checks).
 */
export const FIREFOX_FAKE_MEDIA_PREFS: Record<string, boolean | number | string> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
};

/** Launches Debian's firefox-esr headless over WebDriver BiDi (see scripts/ensure-firefox.mjs). */
export async function launchFirefox(prefs: Record<string, boolean | number | string> = {}): Promise<PpBrowser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_INSTALL_HINT);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocolTimeout: 120_000,
    extraPrefsFirefox: { ...FIREFOX_FAKE_MEDIA_PREFS, ...prefs },
  });
}

/** A fresh page with its own cookies in either browser, sized as asked; close() drops its cookies too. */
export interface OpenedPage {
  driver: Driver;
  close(): Promise<void>;
}

/** A new Chromium page in its own context (recording requests, like every e2e test). */
export async function openChromiumPage(
  browser: PwBrowser,
  origin: string,
  viewport: { width: number; height: number },
): Promise<OpenedPage & { context: PwContext; log: RequestLog }> {
  const { context, log } = await newContext(browser, origin, viewport);
  context.setDefaultTimeout(DEFAULT_TIMEOUT);
  const page = await context.newPage();
  return { driver: playwrightDriver(page, log), context, log, close: () => context.close() };
}

/** A new Firefox page in its own user context (cookies of its own). */
export async function openFirefoxPage(
  browser: PpBrowser,
  viewport: { width: number; height: number },
): Promise<OpenedPage & { context: PpContext }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT);
  await page.setViewport({ width: viewport.width, height: viewport.height });
  return { driver: puppeteerDriver(page), context, close: () => context.close() };
}
