import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  DEMO_PASSWORD,
  e2eSuite,
  enrolledPatient,
  newContext,
  PHONE,
  screenshotDir,
  staleStepUp,
} from './harness.js';
import { expectHeadingFocused, expectOnlyOurOrigin, openFromMenu, signInOnPage } from './page-checks.js';

const suite = e2eSuite();

/** The header's line saying whose record is open (on every page). */
function openRecordLine(page: Page) {
  return page.locator('header [data-testid="open-record"]');
}

describe('sharing a record with a family member', () => {
  it('shares appointments only; the proxy opens the record, sees no messages; access withdrawn ends it', async () => {
    const shots = await screenshotDir();
    const marco = await enrolledPatient(suite.portico.origin, 'Marco');
    const eleanorApi = await apiSignIn(suite.portico.origin, 'patient@example.org', DEMO_PASSWORD);
    const eleanorId = eleanorApi.session.user.patientId;
    if (!eleanorId) throw new Error('the demo patient has no record');

    // 1. Eleanor opens "Who can see my record" from the menu: nobody yet.
    const patientSide = await newContext(suite.browser, suite.portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const patient = await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org', DEMO_PASSWORD);
    await openFromMenu(patient, 'Who can see my record');
    await expectHeadingFocused(patient, 'Who can see my record');
    const people = patient.locator('section', {
      has: patient.getByRole('heading', { level: 2, name: 'People who can see my record' }),
    });
    await people.getByText('No one else can see your record.').waitFor();

    // 2. Sending the form empty: each problem is tied to its field and listed in the summary.
    await patient.getByRole('button', { name: 'Share my record' }).click();
    const summary = patient.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const email = patient.getByLabel('Their email address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('share-email-error');
    expect(await patient.locator('#share-email-error').textContent()).toContain('Enter the email address');
    expect(await summary.textContent()).toContain('Choose at least one part of your record.');
    expect(await patient.getByLabel('They are my').getAttribute('aria-invalid')).toBe('true');

    // 3. Share with Marco (an adult child): appointments only, no end date.
    await email.fill(marco.email);
    await patient.getByLabel('They are my').selectOption({ label: 'Adult child' });
    expect(await patient.getByRole('radio', { name: 'Only the parts I choose' }).isChecked()).toBe(true);
    await patient.getByRole('checkbox', { name: 'Appointments' }).check();
    // Her sign-in is more than five minutes old: sharing asks for her password first, then goes on.
    await staleStepUp(suite.portico, 'patient@example.org');
    await patient.getByRole('button', { name: 'Share my record' }).click();
    const stepUp = patient.getByRole('dialog', { name: 'Confirm it is you' });
    await stepUp.waitFor();
    await stepUp.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await stepUp.getByRole('button', { name: 'Confirm' }).click();
    await patient.getByText('Marco Testperson can now see your record.').waitFor();
    expect(await patient.getByRole('dialog').count()).toBe(0);
    const item = people
      .getByRole('listitem')
      .filter({ has: patient.getByRole('heading', { name: 'Marco Testperson' }) });
    await item.waitFor();
    expect(await item.textContent()).toContain('Only: Appointments');
    expect(await item.textContent()).toContain('Only when withdrawn');
    await patient.screenshot({ path: `${shots}/sharing-shared-phone.png`, fullPage: true });

    // 4. Marco signs in: the header says his own record is open, and offers Eleanor's.
    const proxySide = await newContext(suite.browser, suite.portico.origin, PHONE);
    proxySide.context.setDefaultTimeout(15_000);
    const proxy = await signInOnPage(suite.portico.origin, proxySide.context, marco.email, marco.password);
    await expect.poll(() => openRecordLine(proxy).textContent()).toBe('You are viewing: your own record');
    const toggle = proxy.getByRole('button', { name: 'Switch record' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const choices = proxy.getByRole('list', { name: 'Records you can open' });
    await choices.getByRole('button', { name: "Open Eleanor Whitfield's record" }).click();
    await expect.poll(() => openRecordLine(proxy).textContent()).toBe("You are viewing: Eleanor Whitfield's record");
    expect(await proxy.locator('header [role="status"]').last().textContent()).toBe(
      "Now viewing Eleanor Whitfield's record.",
    );
    // The home page now speaks for Eleanor's record: messages are not shared.
    const messagesCard = proxy.getByRole('listitem').filter({ has: proxy.getByRole('heading', { name: 'Messages' }) });
    await expect
      .poll(() => messagesCard.textContent())
      .toContain('Eleanor Whitfield has not shared messages with you.');
    await proxy.screenshot({ path: `${shots}/sharing-proxy-home-phone.png`, fullPage: true });

    // 5. Appointments are shared: Eleanor's upcoming visit with her clinician shows.
    await openFromMenu(proxy, 'Appointments');
    await expectHeadingFocused(proxy, 'Appointments');
    await proxy
      .getByText(/Priya Raman/)
      .first()
      .waitFor();
    expect(await openRecordLine(proxy).textContent()).toBe("You are viewing: Eleanor Whitfield's record");

    // 6. Messages are not: a kind notice, not an error, and the server agrees.
    await openFromMenu(proxy, 'Messages');
    await expectHeadingFocused(proxy, 'Messages');
    const notice = proxy.getByRole('status').filter({ hasText: "Your access doesn't include this" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Eleanor Whitfield has not shared this part of their record with you.',
    );
    expect(await proxy.getByRole('link', { name: 'New message' }).count()).toBe(0);
    expect(await proxy.getByRole('alert').count()).toBe(0);
    const refused = await proxySide.context.request.get(`${suite.portico.origin}/api/messages/threads`);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('proxy_area_not_allowed');
    await proxy.screenshot({ path: `${shots}/sharing-proxy-no-messages-phone.png`, fullPage: true });

    // 7. Eleanor withdraws the access, after confirming.
    await item.getByRole('button', { name: 'Withdraw access for Marco Testperson' }).click();
    const question = patient.getByRole('heading', { name: "Withdraw Marco Testperson's access?" });
    await question.waitFor();
    await patient.waitForFunction(() => document.activeElement?.tagName === 'H4');
    await patient.getByRole('button', { name: 'Yes, withdraw access' }).click();
    await patient.getByText('Marco Testperson can no longer see your record.').waitFor();
    await people.getByText('No one else can see your record.').waitFor();

    // 8. Marco's next step: Eleanor's record is closed and no longer offered; only his own is open.
    await openFromMenu(proxy, 'Appointments');
    await expectHeadingFocused(proxy, 'Appointments');
    await expect.poll(() => openRecordLine(proxy).count()).toBe(0);
    await proxy.locator('header').getByText('Record: Marco Testperson').waitFor();
    expect(await proxy.getByRole('button', { name: /Switch record|Choose a record/ }).count()).toBe(0);
    await proxy.locator('main').getByText('You have no upcoming visits.').waitFor();
    expect(await proxy.locator('main').textContent()).not.toContain('Priya Raman');
    await openFromMenu(proxy, 'Who can see my record');
    await expectHeadingFocused(proxy, 'Who can see my record');
    expect(await proxy.getByRole('heading', { name: 'Records you can open' }).count()).toBe(0);
    // And he cannot open it again, whatever he tries.
    const marcoApi = await apiSignIn(suite.portico.origin, marco.email, marco.password);
    await expect(marcoApi.request('PUT', '/api/records/current', { patientId: eleanorId })).rejects.toThrow(/404/);
    await proxy.screenshot({ path: `${shots}/sharing-proxy-after-phone.png`, fullPage: true });

    await patientSide.context.close();
    await proxySide.context.close();
    expectOnlyOurOrigin(patientSide.log);
    expectOnlyOurOrigin(proxySide.log);
  });
});
