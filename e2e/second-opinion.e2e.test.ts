import { parseMrn } from '@portico/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeDicom } from '../server/test/dicom-fixtures.js';
import { DEMO_PASSWORD, DESKTOP, e2eSuite, newContext, PHONE, screenshotDir } from './harness.js';
import {
  expectHeadingFocused,
  expectOnlyOurOrigin,
  openFromMenu,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

const suite = e2eSuite();

/** A small but real PDF: the server checks files by their content, not their name. */
const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${title}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );

async function upload(page: Page, what: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('What is this file?').selectOption({ label: what });
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.getByText(`${file.name} was received.`).waitFor();
}

async function emailTo(address: string): Promise<string> {
  const rows = await suite.portico.database.db
    .selectFrom('mail_outbox')
    .select('body_text')
    .where('to_address', '=', address)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.body_text).join('\n');
}

describe('second opinion for a new international patient', () => {
  it('registers with an MRN, asks for a remote opinion with a PDF and a DICOM study, sends what staff ask for, and reads the opinion', async () => {
    const email = `lucia.${Date.now()}@example.com`;
    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const page = await patientSide.context.newPage();

    // 1. Registration, from abroad, self-pay.
    await page.goto(`${suite.portico.origin}/register`);
    await page.getByRole('heading', { level: 1, name: 'Register as a new patient' }).waitFor();
    await page
      .getByText(/Open now|Closed/)
      .first()
      .waitFor();
    await page.getByLabel('Hospital or center').selectOption({ label: 'Harbor General Hospital' });
    await page.getByLabel('First (given) name').fill('Lúcia');
    await page.getByLabel('Last (family) name').fill('Ferreira');
    await page.getByLabel('Date of birth').fill('1968-04-21');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Phone').fill('+55 21 99876 5432');
    await page.getByLabel('Country').selectOption({ label: 'Brazil' });
    await page.getByLabel('Street address').fill('Avenida Atlântica, 1702');
    await page.getByLabel('Town or city').fill('Rio de Janeiro');
    await page.getByLabel('ZIP or postal code').fill('22021-001');
    await page.getByLabel('Self-pay (no insurance)').check();
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    // The page says the same whatever happened (new record or possible duplicate); the email says which.
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/MRN/);
    await page.screenshot({ path: `${await screenshotDir()}/register-done-phone.png`, fullPage: true });

    // 2. The emailed activation code sets up her sign-in.
    const code = /^\s{4}(\S+)\s*$/m.exec(await emailTo(email))?.[1] ?? '';
    expect(code).not.toBe('');
    await page.goto(`${suite.portico.origin}/enroll/code`);
    await page.getByLabel('Activation code').fill(code);
    await page.getByLabel('Date of birth').fill('1968-04-21');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Confirm password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Activate account' }).click();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    // Signed in, she sees her new medical record number on her profile.
    await page.goto(`${suite.portico.origin}/profile`);
    await page.getByRole('heading', { name: 'Medical record number (MRN)' }).waitFor();
    const mrnText = (await page.locator('main').textContent()) ?? '';
    const mrn = /MRN (\d{4}-\d{4}-\d)/.exec(mrnText)?.[1] ?? '';
    expect(parseMrn(mrn).ok).toBe(true);

    // 3. A records-only second opinion, with a PDF report and an MRI study.
    await openFromMenu(page, 'Second opinions');
    await page.getByRole('link', { name: 'Request a second opinion' }).click();
    await expectHeadingFocused(page, 'Request a second opinion');
    await page.getByLabel('Department').selectOption({ label: 'Oncology' });
    await page.getByLabel('Diagnosis or condition').fill('Invasive ductal carcinoma, left breast');
    await page.getByLabel('What question should the specialist answer?').fill('Is surgery before chemotherapy right?');
    await page.getByLabel('How would you like the opinion?').selectOption({ label: 'Written opinion from my records' });
    await page.getByLabel('I have lab results').uncheck();
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'What we still need' }).waitFor();
    const requestUrl = page.url();
    await upload(page, 'Medical records', {
      name: 'biopsy-report.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('biopsy'),
    });
    await upload(page, 'Imaging (DICOM or report)', {
      name: 'breast-mri.dcm',
      mimeType: 'application/dicom',
      buffer: makeDicom({ studyDate: '20260305', modality: 'MR', studyDescription: 'BREAST MRI' }),
    });
    await page.getByText(/modality MR, BREAST MRI/).waitFor();

    // 4. The care team asks for one more document and assigns Dr. Raman.
    const staffSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    staffSide.context.setDefaultTimeout(15_000);
    const staff = await signInOnPage(suite.portico.origin, staffSide.context, 'staff@example.org');
    await openFromMenu(staff, 'Second-opinion queue');
    await staff.getByRole('link', { name: /Ferreira/ }).click();
    await staff.getByRole('heading', { level: 1, name: /Second opinion for Lúcia Ferreira/ }).waitFor();
    const specialist = staff.getByRole('combobox', { name: 'Specialist' });
    const raman = (await specialist.locator('option').allTextContents()).find((o) => o.includes('Raman')) ?? '';
    await specialist.selectOption({ label: raman });
    await staff.getByRole('button', { name: 'Assign specialist' }).click();
    await staff.getByLabel('What is needed (separate items with ;)').fill('Pathology slides report');
    await staff.getByRole('button', { name: 'Request information' }).click();
    await staff.getByText('Waiting for records').first().waitFor();
    expect(await unnamedControls(staff)).toEqual([]);

    // 5. She sends it.
    await page.goto(requestUrl);
    await upload(page, 'Requested: Pathology slides report', {
      name: 'pathology.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('pathology'),
    });

    // 6. The specialist writes the opinion.
    const doctorSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    doctorSide.context.setDefaultTimeout(15_000);
    const doctor = await signInOnPage(suite.portico.origin, doctorSide.context, 'clinician@example.org');
    await openFromMenu(doctor, 'Second-opinion queue');
    await doctor.getByRole('link', { name: /Ferreira/ }).click();
    await doctor
      .getByRole('textbox', { name: 'Opinion', exact: true })
      .fill('Neoadjuvant chemotherapy first is reasonable; surgery after response.');
    await doctor.getByRole('button', { name: 'Deliver opinion' }).click();
    await doctor.getByText('Opinion delivered').first().waitFor();

    // 7. She reads it.
    await page.reload();
    await page.getByRole('heading', { name: "The specialist's opinion" }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Neoadjuvant chemotherapy first is reasonable');
    await page.screenshot({ path: `${await screenshotDir()}/second-opinion-delivered-phone.png`, fullPage: true });
    expect(await emailTo(email)).not.toContain('carcinoma');

    for (const side of [patientSide, staffSide, doctorSide]) {
      await side.context.close();
      expectOnlyOurOrigin(side.log);
    }
  });
});
