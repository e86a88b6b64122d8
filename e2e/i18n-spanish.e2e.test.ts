import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ActivationCode, Patient, SessionState } from '@portico/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DESKTOP,
  FAKE_MEDIA_ARGS,
  PHONE,
  apiSignIn,
  launchChromium,
  newPatientDetails,
  screenshotDir,
  startPortico,
  type Portico,
} from './harness.js';
import { axeViolations } from './page-checks.js';
import { visitHelpers } from './visit-helpers.js';

/**
 * Portico in the patient's language, end to end: a Spanish browser books, checks in (asking for
 * an interpreter) and joins a video visit with every key screen in Spanish; axe finds nothing on
 * the main pages in Arabic and Chinese as in English; the account's language comes back at sign-in.
 */
let portico: Portico;
let browser: Browser;
beforeAll(async () => {
  portico = await startPortico();
  browser = await launchChromium({ args: FAKE_MEDIA_ARGS });
  // The first file after a migration change makes the demo template; on a loaded machine that is slow.
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await portico?.close();
});
const { addVideoVisit, newPage } = visitHelpers(() => ({ portico, browser }));

const WEB = join(import.meta.dirname, '..', 'web', 'src');

type Tree = { [key: string]: string | Tree };

/** One language's catalogs, merged the way the app merges them (features under camelCase names). */
function catalogs(lang: string): Tree {
  const merged: Tree = JSON.parse(readFileSync(join(WEB, 'app', 'i18n', `${lang}.json`), 'utf8')) as Tree;
  for (const feature of readdirSync(join(WEB, 'features'))) {
    try {
      const file = readFileSync(join(WEB, 'features', feature, `${lang}.json`), 'utf8');
      merged[feature.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = JSON.parse(file) as Tree;
    } catch {
      // a feature without words
    }
  }
  return merged;
}

function strings(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)));
}

const ES = catalogs('es');
/** A Spanish message by key; `{name}` values filled in (messages used here have no plurals). */
function es(key: string, values: Record<string, string> = {}): string {
  let node: string | Tree | undefined = ES;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no Spanish message ${key}`);
  return node.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** English catalog phrases of three words or more that Spanish does not also use word for word. */
const SPANISH_TEXT = strings(ES).join('\n');
const ENGLISH_PHRASES = [
  ...new Set(
    strings(catalogs('en'))
      .flatMap((m) => m.split(/\{[^{}]*\}|[{}#]|'/))
      .map((p) => p.trim())
      .filter((p) => p.split(/\s+/).length >= 3 && /[a-z]{3}/.test(p) && !SPANISH_TEXT.includes(p)),
  ),
];

async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect({ screen, english: ENGLISH_PHRASES.filter((p) => text.includes(p)) }).toEqual({ screen, english: [] });
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
}

async function spanishContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'es-ES',
    timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(30_000);
  return context;
}

/** A new patient account whose record says Spanish, made as the front desk would. */
async function spanishPatient(): Promise<{ email: string; password: string; name: string }> {
  const staff = await apiSignIn(portico.origin, 'staff@example.org', DEMO_PASSWORD);
  const details = newPatientDetails('Lucia');
  const patient = await staff.request<Patient>('POST', '/api/patients', {
    givenName: details.givenName,
    familyName: details.familyName,
    birthDate: details.birthDate,
    preferredLanguage: 'es',
  });
  const { code } = await staff.request<ActivationCode>('POST', `/api/patients/${patient.id}/activation-codes`);
  const res = await fetch(`${portico.origin}/api/auth/activate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      activationCode: code,
      birthDate: details.birthDate,
      email: details.email,
      password: details.password,
    }),
  });
  if (!res.ok) throw new Error(`activation failed: ${res.status} ${await res.text()}`);
  return { email: details.email, password: details.password, name: `${details.givenName} ${details.familyName}` };
}

async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** An open time with Dr. Raman for a video visit, a few days ahead. */
async function openVideoSlot(): Promise<{ clinicianId: string; visitTypeId: string; start: string }> {
  const db = portico.database.db;
  const row = await db
    .selectFrom('clinicians as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .innerJoin('visit_types as vt', 'vt.clinician_id', 'c.id')
    .select(['c.id as clinicianId', 'vt.id as visitTypeId'])
    .where('u.email', '=', 'clinician@example.org')
    .where('vt.mode', '=', 'video')
    .where('vt.active', '=', true)
    .executeTakeFirstOrThrow();
  const res = await fetch(
    `${portico.origin}/api/directory/clinicians/${row.clinicianId}/slots?visitTypeId=${row.visitTypeId}&days=14`,
  );
  const { slots } = (await res.json()) as { slots: { start: string }[] };
  const slot = slots.find((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000);
  if (!slot) throw new Error('no open time');
  return { ...row, start: slot.start };
}

describe('Portico in Spanish, Arabic and Chinese', () => {
  it('a Spanish browser books, checks in with an interpreter and joins the video visit, all in Spanish', async () => {
    const shots = await screenshotDir();
    const account = await spanishPatient();
    const context = await spanishContext();
    const p = await context.newPage();

    // First visit: the browser's language, before anyone signs in.
    await p.goto(`${portico.origin}/signin`);
    await p.getByRole('heading', { level: 1, name: es('auth.signIn.title') }).waitFor();
    await expectNoEnglish(p, 'signin');
    await p.getByLabel(es('fields.email'), { exact: true }).fill(account.email);
    await p.getByLabel(es('fields.password'), { exact: true }).fill(account.password);
    await p.getByRole('button', { name: es('auth.signIn.submit'), exact: true }).click();
    await p.waitForURL((url) => url.pathname === '/');
    await expectNoEnglish(p, 'home');

    // Booking asks about an interpreter; typing part of a language's name picks it.
    const slot = await openVideoSlot();
    const query = new URLSearchParams({ clinician: slot.clinicianId, visitType: slot.visitTypeId, start: slot.start });
    await p.goto(`${portico.origin}/appointments/book?${query.toString()}`);
    await p.getByRole('radio', { name: es('interpreter.yes') }).check();
    await p.getByLabel(es('interpreter.search'), { exact: true }).fill('portugu');
    await expect.poll(() => p.getByLabel(es('interpreter.language'), { exact: true }).inputValue()).toBe('pt');
    await expectNoEnglish(p, 'book');
    await p.screenshot({ path: join(shots, 'i18n-es-book.png'), fullPage: true });
    await p.getByRole('button', { name: es('appointments.book.submit'), exact: true }).click();
    await p.waitForURL((url) => /^\/appointments\/[0-9a-f-]{36}$/.test(url.pathname));
    const bookedId = p.url().split('/').pop() ?? '';
    const booked = await portico.database.db
      .selectFrom('appointments')
      .select('interpreter_language')
      .where('id', '=', bookedId)
      .executeTakeFirstOrThrow();
    expect(booked.interpreter_language).toBe('pt');
    await expectNoEnglish(p, 'booked');

    // A visit about to start: check-in, in Spanish, answering the interpreter question again.
    const appointmentId = await addVideoVisit({ clinicianEmail: 'clinician@example.org' }, account.email);
    await p.goto(`${portico.origin}/visits/${appointmentId}`);
    await p
      .getByRole('heading', { name: es('visit.checkIn.title') })
      .first()
      .waitFor();
    await p.getByLabel(es('visit.checkIn.where.country'), { exact: true }).selectOption('US');
    await p.getByLabel(es('visit.checkIn.where.state'), { exact: true }).selectOption('MA');
    await p.getByLabel(es('visit.checkIn.medications.label')).check();
    await p.getByLabel(es('visit.checkIn.phone.label'), { exact: true }).fill('617-555-0188');
    await p.getByRole('radio', { name: es('interpreter.yes') }).check();
    await p.getByLabel(es('interpreter.language'), { exact: true }).selectOption('pt');
    await p.getByLabel(es('visit.consent.2026-11-01.accept')).check();
    await expectNoEnglish(p, 'check-in');
    await p.screenshot({ path: join(shots, 'i18n-es-checkin.png'), fullPage: true });
    await p.getByRole('button', { name: es('visit.checkIn.submit'), exact: true }).click();
    await p.getByRole('heading', { name: es('visit.ready.title') }).waitFor();
    await expectNoEnglish(p, 'checked in');
    await p.getByRole('button', { name: es('visit.ready.start'), exact: true }).click();
    await p.getByRole('heading', { name: es('visit.waiting.title') }).waitFor();
    await expectNoEnglish(p, 'waiting room');

    // The clinician (English) sees the interpreter on the day list; inviting one is pre-filled.
    const clinician = await newPage(DESKTOP);
    const c = clinician.page;
    await c.goto(`${portico.origin}/signin`);
    await signInOnPage(c, 'clinician@example.org', DEMO_PASSWORD);
    await c.goto(`${portico.origin}/visits`);
    const item = c.getByRole('listitem').filter({ has: c.getByRole('heading', { name: new RegExp(account.name) }) });
    await item.getByText('Interpreter: Portuguese', { exact: true }).waitFor();
    await item.getByRole('link', { name: /Open visit/ }).click();
    const invite = c.getByRole('form', { name: 'Invite a guest or interpreter' });
    await invite.getByLabel('Who', { exact: true }).selectOption('interpreter');
    expect(await invite.getByLabel('Language', { exact: true }).inputValue()).toBe('pt');
    expect(await invite.getByLabel("Language of the link's pages", { exact: true }).inputValue()).toBe('pt-BR');
    await c.getByRole('button', { name: `Let ${account.name} in` }).click();

    // In the call: video both ways, the patient's screen still in Spanish.
    await p
      .getByRole('list', { name: es('visit.call.people') })
      .getByRole('listitem')
      .filter({ hasText: 'Priya Raman' })
      .waitFor();
    await p.waitForFunction(
      () => {
        const videos = [...document.querySelectorAll<HTMLVideoElement>('.vi-tile__video')];
        return videos.length === 1 && videos.every((v) => v.videoWidth > 0 && !v.paused && v.currentTime > 0);
      },
      undefined,
      { polling: 250 },
    );
    await expectNoEnglish(p, 'call');
    await p.screenshot({ path: join(shots, 'i18n-es-call.png'), fullPage: true });
    await clinician.context.close();
    await context.close();
  }, 300_000);

  it('a Spanish visitor who leaves out the state is told why in Spanish, then registers', async () => {
    const context = await spanishContext();
    const page = await context.newPage();
    try {
      const details = newPatientDetails('Marisol');
      await page.goto(`${portico.origin}/register`);
      await page.getByRole('heading', { level: 1, name: es('registration.register.title') }).waitFor();
      const field = (key: string) => page.getByLabel(es(`registration.form.${key}`), { exact: true });
      await field('organization').selectOption({ label: 'Harbor General Hospital' });
      await field('givenName').fill(details.givenName);
      await field('familyName').fill(details.familyName);
      await field('birthDate').fill(details.birthDate);
      await field('email').fill(details.email);
      await field('phone').fill('+1 617 555 0142');
      await field('country').selectOption('US');
      await field('line1').fill('12 Beacon St');
      await field('city').fill('Boston');
      await field('postalCode').fill('02108');
      await field('selfPay').check();
      const submit = page.getByRole('button', { name: es('registration.register.submit'), exact: true });
      await submit.click();
      // The server's answer names the field; the reader gets it in her language, on the field.
      await page.getByText(es('validation.invalid.addressRegion')).first().waitFor();
      await expectNoEnglish(page, 'registration without a state');
      await field('region').fill('MA');
      await submit.click();
      await page.getByRole('heading', { name: es('registration.register.doneTitle') }).waitFor();
      await expectNoEnglish(page, 'registration received');
    } finally {
      await context.close();
    }
  });

  it('axe finds no violations on the main patient pages in English, Arabic and Chinese', async () => {
    const { page, context } = await newPage(DESKTOP);
    await page.goto(`${portico.origin}/signin`);
    await signInOnPage(page, 'intl@example.org', DEMO_PASSWORD);
    const found: Record<string, string[]> = {};
    for (const lang of ['en', 'ar', 'zh-Hans']) {
      await page.locator('select#language').selectOption(lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const path of ['/', '/appointments', '/messages', '/results', '/billing']) {
        await page.goto(`${portico.origin}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        const violations = await axeViolations(page);
        if (violations.length) found[`${lang} ${path}`] = violations;
      }
    }
    expect(found).toEqual({});
    await context.close();
  }, 300_000);

  it('at sign-in the account language comes back, unless one was picked on the sign-in page', async () => {
    const account = await spanishPatient();
    const api = await apiSignIn(portico.origin, account.email, account.password);
    await api.request('PUT', '/api/auth/language', { language: 'zh-Hans' });

    // An English browser: signing in switches to the account's Chinese, and it sticks on reload.
    const first = await newPage(PHONE);
    await first.page.goto(`${portico.origin}/signin`);
    expect(await first.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await signInOnPage(first.page, account.email, account.password);
    await first.page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    await first.page.reload();
    await first.page.getByRole('heading', { level: 1 }).waitFor();
    expect(await first.page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    await first.context.close();

    // Picking Arabic on the sign-in page wins, and becomes the account's language.
    const second = await newPage(PHONE);
    await second.page.goto(`${portico.origin}/signin`);
    await second.page.locator('select#language').selectOption('ar');
    await second.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await signInOnPage(second.page, account.email, account.password);
    await expect
      .poll(async () => (await api.request<SessionState>('GET', '/api/auth/session')).session?.user.language)
      .toBe('ar');
    expect(await second.page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await second.context.close();
  }, 120_000);
});
