import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../server/test/billing-fixtures.js';
import { DESKTOP, e2eSuite, newContext, PHONE, screenshotDir } from './harness.js';
import {
  expectHeadingFocused,
  expectOnlyOurOrigin,
  openFromMenu,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

const suite = e2eSuite();

describe('billing', () => {
  it('a patient asks about a charge and reads the billing office answer from its queue', async () => {
    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org');
    await openFromMenu(page, 'Billing');
    await expectHeadingFocused(page, 'Billing');
    const charge = page.locator('li.billing-line').filter({ hasText: 'co-pay' });
    await charge.getByRole('button', { name: 'I think this charge is wrong' }).click();
    await charge.getByRole('button', { name: 'Send to the billing office' }).click();
    await charge.getByText('Tell the billing office what looks wrong.').first().waitFor();
    await charge.getByLabel('What looks wrong?').fill('I thought video visits had no co-pay.');
    await charge.getByRole('button', { name: 'Send to the billing office' }).click();
    await charge.getByText(/You asked the billing office about this charge/).waitFor();

    const officeSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    officeSide.context.setDefaultTimeout(15_000);
    const office = await signInOnPage(suite.portico.origin, officeSide.context, 'staff@example.org');
    await openFromMenu(office, 'Questions about bills');
    await expectHeadingFocused(office, 'Questions about bills');
    const item = office.locator('li.billing-line').filter({ hasText: 'I thought video visits had no co-pay.' });
    await item.getByLabel('The charge is correct').check();
    await item.getByLabel('Answer for the patient').fill('Your plan sets a $25 co-pay for video visits.');
    expect(await unnamedControls(office)).toEqual([]);
    await item.getByRole('button', { name: 'Send the answer' }).click();
    await office.getByText('Your answer to Eleanor Whitfield was sent.').waitFor();

    await page.reload();
    await charge.getByText('The billing office checked this charge and it stands:').waitFor();
    expect(await charge.textContent()).toContain('Your plan sets a $25 co-pay for video visits.');
    expect(await page.getByTestId('balance').textContent()).toBe('$25.00');
    await patientSide.context.close();
    await officeSide.context.close();
    expectOnlyOurOrigin(patientSide.log);
    expectOnlyOurOrigin(officeSide.log);
  });

  it('a patient reads why each line costs what it does, downloads the statement, pays by card and sees a zero balance', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');

    await openFromMenu(page, 'Billing');
    await expectHeadingFocused(page, 'Billing');
    const balance = page.getByTestId('balance');
    await expect.poll(() => balance.textContent()).toBe('$25.00');
    const main = page.locator('main');
    await page.getByText('No charge: the visit was completed by phone without video.').waitFor();
    expect(await main.textContent()).toContain("Your plan's virtual visit co-pay (PPO 500): $25.00.");
    expect(await main.textContent()).toContain('HSA/FSA eligible');
    await page.getByRole('heading', { name: 'What a video visit costs you' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: `${await screenshotDir()}/billing-phone.png`, fullPage: true });

    // The statement PDF: what is owed, why, and how to pay.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Statement \d+ of .+ \(PDF\)$/ }).click(),
    ]);
    const pdf = await readFile((await download.path()) ?? '');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(pdf)).toContain('Amount due: $25.00');

    // A declined card: told plainly, nothing paid.
    await page.getByRole('link', { name: 'Pay now' }).click();
    await expectHeadingFocused(page, 'Pay your bill');
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Expiry date (MM/YY)').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await page.getByLabel('Name on the card').fill('Eleanor Whitfield');
    await page.getByRole('button', { name: 'Pay $25.00' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your card was declined. Nothing was charged.' }).first().waitFor();

    // Then a good card.
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay $25.00' }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Payment complete');
    await page.getByText('Payment received: $25.00. Thank you.').waitFor();
    expect(await main.textContent()).toContain('Your balance is now $0.00.');
    await page.getByRole('link', { name: 'Back to billing' }).first().click();
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('$0.00');
    await page.getByRole('link', { name: 'Download the receipt (PDF)' }).waitFor();
    await page.screenshot({ path: `${await screenshotDir()}/billing-paid-phone.png`, fullPage: true });

    const sum = await suite.portico.database.db
      .selectFrom('ledger_entries as l')
      .innerJoin('patients as p', 'p.id', 'l.patient_id')
      .select('l.amount_cents')
      .where('p.email', '=', 'patient@example.org')
      .execute();
    expect(sum.reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(0);
    await context.close();
    expectOnlyOurOrigin(log);
  });

  it('the billing office refunds part of a card payment with a reason the patient reads', async () => {
    const officeSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    officeSide.context.setDefaultTimeout(15_000);
    const office = await signInOnPage(suite.portico.origin, officeSide.context, 'staff@example.org');
    await openFromMenu(office, 'Find a patient');
    // The home page has a search box of its own: type only once the search page has replaced it.
    await expectHeadingFocused(office, 'Find a patient');
    await office.getByLabel('Search patients').fill('Whitfield');
    await office.getByRole('button', { name: 'Search' }).click();
    await office.getByRole('link', { name: 'Whitfield, Eleanor' }).click();
    await office.getByRole('link', { name: 'Billing: payments, refunds and adjustments' }).click();
    await expectHeadingFocused(office, 'Billing for Eleanor Whitfield');
    await expect.poll(() => office.getByTestId('office-balance').textContent()).toBe('$0.00');

    // A credit larger than what is owed is refused with the reason, next to the field.
    const adjust = office.locator('form#office-adjustment');
    await adjust.getByLabel('Amount (US dollars)').fill('5.00');
    await adjust.getByLabel('Reason').fill('Courtesy credit');
    await adjust.getByRole('button', { name: 'Post the adjustment' }).click();
    await adjust.getByText('Enter $0.00 or less.').first().waitFor();

    const payment = office.locator('li.billing-line').filter({ hasText: 'Card online (by the patient)' });
    await payment.getByRole('button', { name: 'Refund…' }).click();
    await payment.getByLabel('Amount to refund (US dollars)').fill('10.00');
    await payment.getByLabel('Reason').fill('The clinic waived part of the co-pay.');
    expect(await unnamedControls(office)).toEqual([]);
    await payment.getByRole('button', { name: 'Refund' }).click();
    await office.getByText('Refund of $10.00 posted.').waitFor();
    await expect.poll(() => office.getByTestId('office-balance').textContent()).toBe('$10.00');
    await payment.getByText('Refunded so far: $10.00.').waitFor();
    await office.screenshot({ path: `${await screenshotDir()}/billing-office-desktop.png`, fullPage: true });

    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org');
    await openFromMenu(page, 'Billing');
    await page.getByText('Refund: $10.00. The clinic waived part of the co-pay.').waitFor();
    await officeSide.context.close();
    await patientSide.context.close();
    expectOnlyOurOrigin(officeSide.log);
    expectOnlyOurOrigin(patientSide.log);
  });

  it('a billing admin schedules a new version of the fee rules', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const admin = await signInOnPage(suite.portico.origin, context, 'admin@example.org');
    await openFromMenu(admin, 'Fee rules');
    await expectHeadingFocused(admin, 'Fee rules for virtual visits');
    await admin.getByRole('heading', { name: 'Rules in force now' }).waitFor();
    await admin.getByRole('textbox', { name: 'Telehealth patient fee' }).fill('49.999');
    await admin.getByLabel('Why the rules change').fill('New telehealth fee approved by the finance committee.');
    await admin.getByLabel('As soon as I save').check();
    await admin.getByRole('button', { name: 'Save and apply now' }).click();
    await admin
      .getByText(/Enter an amount in dollars and cents/)
      .first()
      .waitFor();
    await admin.getByRole('textbox', { name: 'Telehealth patient fee' }).fill('59.00');
    expect(await unnamedControls(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Save and apply now' }).click();
    await admin.getByText(/Version \d+ saved/).waitFor();
    await admin.screenshot({ path: `${await screenshotDir()}/billing-rules-phone.png`, fullPage: true });
    await context.close();
    expectOnlyOurOrigin(log);
  });
});
