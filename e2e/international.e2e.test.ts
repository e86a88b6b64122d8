import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSuite, newContext, PHONE, screenshotDir } from './harness.js';
import {
  expectHeadingFocused,
  expectOnlyOurOrigin,
  openFromMenu,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

const suite = e2eSuite();

describe('international patient center', () => {
  it('a patient abroad writes to the center, the coordinator answers and shares a letter with her doctor at home, who replies through a link', async () => {
    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, patientSide.context, 'intl@example.org');
    await openFromMenu(page, 'International center');
    await expectHeadingFocused(page, 'International patient center');
    await page.getByRole('heading', { name: 'Your coordinator' }).waitFor();
    // The estimate shows the US dollar total and, for reference, reais.
    await page
      .getByText(/About [\d.,\s]+ BRL/)
      .first()
      .waitFor();

    await page.getByLabel('Letters with my doctor at home').check();
    await page.getByLabel("Your doctor's name").fill('Dr. Paulo Mendes');
    await page
      .getByLabel('Tell us what you need')
      .fill('Please send my cardiology results to Dr. Mendes in São Paulo.');
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Your request was sent.').waitFor();
    await page.screenshot({ path: `${await screenshotDir()}/international-phone.png`, fullPage: true });

    const staffSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    staffSide.context.setDefaultTimeout(15_000);
    const staff = await signInOnPage(suite.portico.origin, staffSide.context, 'staff@example.org');
    await openFromMenu(staff, 'International center');
    const item = staff.locator('li.card').filter({ hasText: 'send my cardiology results to Dr. Mendes' });
    await item.getByLabel('Reply').fill('Dear Dr. Mendes, the echocardiogram report is attached to her record.');
    await item.getByLabel("Share this letter with the patient's doctor").check();
    await item.getByRole('button', { name: 'Send reply' }).click();
    await item.getByText('Dear Dr. Mendes, the echocardiogram report').waitFor();
    await item.getByText("Links for the patient's doctor").click();
    await item.getByLabel("Doctor's name").fill('Dr. Paulo Mendes');
    await item.getByRole('button', { name: 'Create link' }).click();
    const link = await item.getByLabel('Link for the doctor').inputValue();
    expect(link).toMatch(new RegExp(`^${suite.portico.origin}/international/doctor/[0-9a-f-]+#.{20,}`));
    expect(await unnamedControls(staff)).toEqual([]);
    await staff.screenshot({ path: `${await screenshotDir()}/international-staff-desktop.png`, fullPage: true });

    // The doctor at home: no account, this one case.
    const doctorSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    doctorSide.context.setDefaultTimeout(15_000);
    const doctor = await doctorSide.context.newPage();
    await doctor.goto(link);
    await doctor.getByRole('heading', { level: 1, name: 'Letters about your patient' }).waitFor();
    await doctor.getByText('the echocardiogram report is attached').waitFor();
    await doctor.getByLabel('Your letter').fill('Thank you. I will see her when she is back.');
    await doctor.getByRole('button', { name: 'Send letter' }).click();
    await doctor.getByText('Your letter was sent to the center.').waitFor();
    // Without the part after #, the link does nothing.
    await doctor.goto(link.split('#')[0] ?? '');
    await doctor.getByText('This link is incomplete.', { exact: false }).waitFor();

    await page.reload();
    await page.getByText('Thank you. I will see her when she is back.').waitFor();
    for (const side of [patientSide, staffSide, doctorSide]) {
      await side.context.close();
      expectOnlyOurOrigin(side.log);
    }
  });
});
