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

async function lisinoprilRefills(): Promise<{ status: string; approved_quantity: number | null }[]> {
  return suite.portico.database.db
    .selectFrom('refill_requests as r')
    .innerJoin('medication_requests as m', 'm.id', 'r.medication_request_id')
    .select(['r.status', 'r.approved_quantity'])
    .where('m.medication_name', '=', 'Lisinopril')
    .execute();
}

describe('medication refills', () => {
  it('a patient asks for a refill on a phone, the clinician approves it, and the patient sees it approved', async () => {
    // 1. The patient's list explains what cannot be asked for online before anything is sent.
    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const patient = await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org');
    await openFromMenu(patient, 'Medications');
    await expectHeadingFocused(patient, 'Medications');
    const current = patient.locator('section', { has: patient.getByRole('heading', { name: 'Current medications' }) });
    const card = (name: string) =>
      current
        .getByRole('listitem')
        .filter({ has: patient.getByRole('heading', { level: 3, name: new RegExp(`^${name}`) }) });
    expect(await card('Zolpidem').textContent()).toContain(
      'Refills of this medication cannot be requested online. Call the office at 617-555-0130.',
    );
    expect(
      await card('Zolpidem')
        .getByRole('link', { name: /Request a refill/ })
        .count(),
    ).toBe(0);
    expect(await card('Amlodipine').textContent()).toContain('No refills are left on this prescription.');
    await card('Amlodipine')
      .getByRole('link', { name: /Book a visit with Priya Raman/ })
      .waitFor();
    expect(await card('Lisinopril').textContent()).toContain('2 of 3');
    expect(await unnamedControls(patient)).toEqual([]);
    await patient.screenshot({ path: `${await screenshotDir()}/medications-phone.png`, fullPage: true });

    // 2. Choose a pharmacy, add a note, review, send.
    await patient.getByRole('link', { name: 'Request a refill of Lisinopril' }).click();
    await expectHeadingFocused(patient, 'Request a refill');
    expect(await patient.getByRole('radio', { name: /Harbor Pharmacy \(preferred\)/ }).isChecked()).toBe(true);
    await patient.getByRole('radio', { name: /Beacon Hill Apothecary/ }).check();
    await patient.getByLabel('Note for your care team (optional)').fill('Running low before a trip.');
    expect(await unnamedControls(patient)).toEqual([]);
    await patient.getByRole('button', { name: 'Review request' }).click();
    await patient.getByRole('heading', { level: 2, name: 'Check your request' }).waitFor();
    await patient.waitForFunction(() => document.activeElement?.textContent === 'Check your request');
    expect(await patient.locator('main').textContent()).toContain('Running low before a trip.');
    expect(await lisinoprilRefills()).toEqual([]);
    await patient.getByRole('button', { name: 'Send request' }).click();
    await expectHeadingFocused(patient, 'Medications');
    await patient.getByText('Your refill request for Lisinopril was sent.', { exact: false }).waitFor();
    const waiting = patient.locator('section', { has: patient.getByRole('heading', { name: 'Your refill requests' }) });
    // The lists refetch after the send: wait for the new request rather than read them at once.
    await expect
      .poll(() => waiting.getByRole('listitem').first().textContent())
      .toContain('Waiting for your care team');
    await expect.poll(() => card('Lisinopril').textContent()).toContain('already waiting for your care team');
    expect(await lisinoprilRefills()).toEqual([{ status: 'requested', approved_quantity: null }]);

    // 3. Dr. Raman approves a smaller quantity from the refill queue.
    const doctorSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    doctorSide.context.setDefaultTimeout(15_000);
    const doctor = await signInOnPage(suite.portico.origin, doctorSide.context, 'clinician@example.org');
    await openFromMenu(doctor, 'Refill requests');
    await expectHeadingFocused(doctor, 'Refill requests');
    const request = doctor
      .getByRole('listitem')
      .filter({ has: doctor.getByRole('heading', { name: 'Lisinopril 10 mg tablet for Eleanor Whitfield' }) });
    expect(await request.textContent()).toContain('Running low before a trip.');
    expect(await request.textContent()).toContain('Your patient');
    await request.getByRole('button', { name: 'Approve for Eleanor Whitfield' }).click();
    await request.getByRole('heading', { name: 'Approve Lisinopril for Eleanor Whitfield' }).waitFor();
    await request.getByLabel('Quantity (tablets)').fill('30');
    expect(await unnamedControls(doctor)).toEqual([]);
    await doctor.screenshot({ path: `${await screenshotDir()}/refill-queue-desktop.png`, fullPage: true });
    await request.getByRole('button', { name: 'Approve refill' }).click();
    await doctor.getByText('Refill of Lisinopril for Eleanor Whitfield approved.', { exact: false }).waitFor();
    await expect.poll(() => request.count()).toBe(0);
    expect(await lisinoprilRefills()).toEqual([{ status: 'approved', approved_quantity: 30 }]);

    // 4. The patient is told by email (no medication named) and sees the approval.
    await suite.portico.services.jobs.runDue('e2e');
    const mail = await suite.portico.database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'patient@example.org')
      .where('subject', '=', 'There is an update in Portico')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.body_text).not.toMatch(/lisinopril/i);
    await patient.reload();
    await patient.getByRole('heading', { level: 1, name: 'Medications' }).waitFor();
    // Reloading does not repeat the "sent" notice.
    expect(await patient.getByText('was sent', { exact: false }).count()).toBe(0);
    const answered = waiting.getByRole('listitem').filter({ hasText: 'Lisinopril' }).first();
    await answered.getByText('Approved', { exact: true }).waitFor();
    expect(await answered.textContent()).toContain('30 tablets sent to Beacon Hill Apothecary');
    expect(await answered.textContent()).toContain('Answered');
    expect(await card('Lisinopril').textContent()).toContain('1 of 3');
    await patient.screenshot({ path: `${await screenshotDir()}/medications-approved-phone.png`, fullPage: true });

    await patientSide.context.close();
    await doctorSide.context.close();
    expectOnlyOurOrigin(patientSide.log);
    expectOnlyOurOrigin(doctorSide.log);
  });
});
