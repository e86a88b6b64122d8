import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { badBundle, labBundle } from '../server/test/results-fixtures.js';
import { DESKTOP, e2eSuite, newContext, PHONE, screenshotDir } from './harness.js';
import {
  expectHeadingFocused,
  expectOnlyOurOrigin,
  openFromMenu,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

const suite = e2eSuite();

async function eleanorId(): Promise<string> {
  const row = await suite.portico.database.db
    .selectFrom('patients')
    .select('id')
    .where('email', '=', 'patient@example.org')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function reportCount(patientId: string): Promise<number> {
  const rows = await suite.portico.database.db
    .selectFrom('diagnostic_reports')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  return rows.length;
}

/** Opens the HbA1c trend from the newest HbA1c report and checks the chart and the table agree. */
async function openA1cTrend(page: Page, points: number): Promise<void> {
  await page.goto(`${suite.portico.origin}/results`);
  await page.getByRole('heading', { level: 1, name: 'Test results' }).waitFor();
  await page.getByRole('link', { name: 'Hemoglobin A1c' }).first().click();
  await expectHeadingFocused(page, 'Hemoglobin A1c');
  await page
    .getByRole('table')
    .getByRole('link', { name: /^Hemoglobin A1c.*over time/ })
    .click();
  await expectHeadingFocused(page, 'Hemoglobin A1c over time');
  const chart = page.getByRole('img', { name: new RegExp(`^Hemoglobin A1c, ${points} results from \\d{4} to \\d{4}`) });
  await chart.waitFor();
  expect(await page.locator('svg[role="img"] .res-chart__point').count()).toBe(points);
  expect(await page.locator('svg[role="img"] .res-chart__band').count()).toBe(1);
  const table = page.getByRole('table', { name: /Every Hemoglobin A1c result/ });
  expect(await table.locator('tbody tr').count()).toBe(points);
}

describe('test results', () => {
  it('a patient sees an out-of-range flag in words and the HbA1c trend as a chart and a table', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Test results' }) });
    await expect.poll(() => card.textContent()).toMatch(/Newest: .+, \w{3} \d{1,2}, \d{4}\./);
    await openFromMenu(page, 'Test results');
    await expectHeadingFocused(page, 'Test results');
    // The held biopsy is not listed for the patient.
    expect(await page.locator('main').textContent()).not.toContain('Skin biopsy');
    const lipids = page.locator('main li.res-item').filter({ hasText: 'Lipid panel' }).first();
    expect(await lipids.textContent()).toContain('1 value outside the usual range');

    await lipids.getByRole('link', { name: 'Lipid panel' }).click();
    await expectHeadingFocused(page, 'Lipid panel');
    const ldl = page.getByRole('row', { name: /LDL cholesterol/ });
    expect(await ldl.getByRole('cell').last().textContent()).toBe('↑ High');
    await page.getByText('Note from Priya Raman').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: `${await screenshotDir()}/results-report-phone.png`, fullPage: true });

    await openA1cTrend(page, 8);
    const label = await page.getByRole('img').first().getAttribute('aria-label');
    expect(label).toMatch(/latest 6\.8 %, above the usual range\.$/);
    // Readable on a phone: the chart fits the screen and its text is not shrunk.
    const box = await page.locator('svg[role="img"]').boundingBox();
    expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    const fontSize = await page
      .locator('svg[role="img"] .res-chart__label')
      .first()
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).toBe('14px');
    await page.screenshot({ path: `${await screenshotDir()}/results-trend-phone.png`, fullPage: true });

    await context.close();
    expectOnlyOurOrigin(log);
  });

  it('a clinician sees a bad bundle refused with its problems, imports a good one and releases a held result the patient then sees', async () => {
    const patientId = await eleanorId();
    const other = await suite.portico.database.db
      .selectFrom('patients')
      .select('id')
      .where('id', '<>', patientId)
      .executeTakeFirstOrThrow();
    const before = await reportCount(patientId);
    const doctorSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    doctorSide.context.setDefaultTimeout(15_000);
    const doctor = await signInOnPage(suite.portico.origin, doctorSide.context, 'clinician@example.org');

    await openFromMenu(doctor, 'Find a patient');
    // The home page has a search box of its own: type only once the search page has replaced it.
    await expectHeadingFocused(doctor, 'Find a patient');
    await doctor.getByLabel('Search patients').fill('Whitfield');
    await doctor.getByRole('button', { name: 'Search' }).click();
    await doctor.getByRole('link', { name: 'Whitfield, Eleanor' }).click();
    await doctor.getByRole('link', { name: 'Test results' }).click();
    await expectHeadingFocused(doctor, 'Results for Eleanor Whitfield');
    await doctor.getByRole('link', { name: 'Import a FHIR bundle' }).click();
    await expectHeadingFocused(doctor, 'Import a FHIR bundle');

    // 1. A bundle with four mistakes: refused whole, every problem listed with its path, focus on the list.
    const paste = doctor.getByLabel('Or paste the bundle');
    await paste.fill(JSON.stringify(badBundle(patientId, other.id, 'e2e-bad')));
    await doctor.getByRole('button', { name: 'Import results' }).click();
    const problems = doctor.getByRole('alert').filter({ hasText: 'The bundle was not imported' });
    await problems.waitFor();
    await doctor.waitForFunction(() => document.activeElement?.classList.contains('error-summary') ?? false);
    expect(await problems.locator('li').count()).toBe(4);
    expect(await problems.textContent()).toContain('entry[1].resource.valueQuantity.unit');
    expect(await problems.textContent()).toContain('"furlongs" is not a unit Portico knows');
    expect(await reportCount(patientId)).toBe(before);
    expect(await unnamedControls(doctor)).toEqual([]);
    await doctor.screenshot({ path: `${await screenshotDir()}/results-import-refused-desktop.png`, fullPage: true });

    // 2. A good bundle: two reports, back on the list with a confirmation.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await paste.fill(JSON.stringify(labBundle(patientId, 'e2e-good', yesterday)));
    await doctor.getByRole('button', { name: 'Import results' }).click();
    await expectHeadingFocused(doctor, 'Results for Eleanor Whitfield');
    await doctor.getByText('2 results were imported.').waitFor();
    expect(await reportCount(patientId)).toBe(before + 2);

    // 3. Release the held biopsy.
    const held = doctor.locator('main li.res-item').filter({ hasText: 'Skin biopsy' });
    expect(await held.textContent()).toMatch(/Held: the patient sees it/);
    await held.getByRole('link').click();
    await expectHeadingFocused(doctor, /Skin biopsy/);
    await doctor.getByText('Not visible to the patient yet').waitFor();
    await doctor.getByRole('button', { name: 'Release to the patient now' }).click();
    await doctor.getByText('Released. The patient can see this result now.').waitFor();
    await doctor.getByLabel('Your note').fill('Nothing to worry about: a harmless skin growth.');
    await doctor.getByRole('button', { name: 'Save note' }).click();
    await doctor.getByText('Your note was saved.', { exact: false }).waitFor();

    // 4. The patient now sees the biopsy, with its report and the note, and one more HbA1c value.
    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const patient = await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org');
    await openFromMenu(patient, 'Test results');
    await expectHeadingFocused(patient, 'Test results');
    await patient.getByRole('link', { name: /Skin biopsy/ }).click();
    await expectHeadingFocused(patient, /Skin biopsy/);
    await patient.getByText('No evidence of malignancy.', { exact: false }).waitFor();
    await patient.getByText('Nothing to worry about: a harmless skin growth.').waitFor();
    await openA1cTrend(patient, 9);
    await patient.screenshot({ path: `${await screenshotDir()}/results-trend-after-import-phone.png`, fullPage: true });

    await doctorSide.context.close();
    await patientSide.context.close();
    expectOnlyOurOrigin(doctorSide.log);
    expectOnlyOurOrigin(patientSide.log);
  });
});
