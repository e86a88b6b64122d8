import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, e2eSuite, newContext, PHONE, staleStepUp } from './harness.js';
import {
  axeViolations,
  expectHeadingFocused,
  expectOnlyOurOrigin,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

// "Download my record" (docs/decisions/0043) on a phone: from home, through the step-up dialog,
// to the browser's download of the PDF summary and then of the FHIR file.
const suite = e2eSuite();

describe('download my record', () => {
  it('the demo patient confirms her password, then gets the PDF summary and the FHIR file on a phone', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(20_000);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    await page.getByRole('link', { name: 'Download my record' }).first().click();
    await expectHeadingFocused(page, 'Download my record');
    await page.getByText('These files contain private health information').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The sign-in was more than five minutes ago: the password is asked for first.
    await staleStepUp(suite.portico, 'patient@example.org');
    await page.getByRole('button', { name: 'Download the summary (PDF)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    const pdfDownload = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Confirm' }).press('Enter');
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toMatch(/^health-record-[A-Z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfBytes = await readFile(await pdf.path());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('status').filter({ hasText: 'Your summary has been downloaded.' }).waitFor();

    // Just re-authenticated: the FHIR file comes straight away.
    const fhirDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the complete record (FHIR)' }).click();
    const fhir = await fhirDownload;
    expect(fhir.suggestedFilename()).toMatch(/\.json$/);
    const bundle = JSON.parse(await readFile(await fhir.path(), 'utf8')) as {
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry.some((e) => e.resource.resourceType === 'Patient')).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expectOnlyOurOrigin(log);
    await context.close();
  }, 180_000);
});
