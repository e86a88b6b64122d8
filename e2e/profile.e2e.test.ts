import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { syntheticCardPng } from '../server/src/demo/card-png.js';
import { apiSignIn, DEMO_PASSWORD, e2eSuite, newContext, PHONE, screenshotDir } from './harness.js';
import {
  expectHeadingFocused,
  expectOnlyOurOrigin,
  openFromMenu,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

const suite = e2eSuite();

async function eleanor() {
  return suite.portico.database.db
    .selectFrom('patients')
    .select(['id', 'visit_phone'])
    .where('email', '=', 'patient@example.org')
    .executeTakeFirstOrThrow();
}

describe('profile', () => {
  it('a patient edits the visit phone, adds a secondary insurance with a card photo, and sees who looked at her record', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    await openFromMenu(page, 'Profile');
    await expectHeadingFocused(page, 'Profile');
    // Legal details are shown, not editable.
    await page.getByText('call registration at').waitFor();
    expect(await page.getByLabel('Legal name').count()).toBe(0);

    // The visit phone: typed loosely, stored and shown in one shape.
    const contact = page.locator('section', { has: page.getByRole('heading', { name: 'Contact and visit phone' }) });
    await contact.getByLabel('Phone for video visits (optional)').fill('(617) 555-0199');
    await contact.getByRole('button', { name: 'Save contact details' }).click();
    await contact.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await contact.getByLabel('Phone for video visits (optional)').inputValue()).toBe('617-555-0199');
    expect((await eleanor()).visit_phone).toBe('617-555-0199');

    // A secondary insurance from the list; the primary on file stays first.
    const insurance = page.locator('section', { has: page.getByRole('heading', { name: 'Insurance', level: 2 }) });
    await insurance.getByRole('button', { name: 'Add insurance' }).click();
    await expectFocusOn(page, 'Add insurance');
    await insurance.getByLabel('Insurance company').selectOption('Pilgrim Mutual Insurance');
    expect(await insurance.getByLabel('Plan', { exact: true }).inputValue()).not.toBe('');
    expect(await insurance.getByLabel('Secondary: billed after the primary').isChecked()).toBe(true);
    await insurance.getByLabel('Member ID').fill('PMI-778-221');
    await insurance.getByRole('button', { name: 'Add insurance' }).click();
    await insurance.getByText('Pilgrim Mutual Insurance Select HMO was added.').waitFor();
    const cards = insurance.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
    expect(await cards.locator('h3').allTextContents()).toEqual([
      'Atlantic Coast Health: PPO 500',
      'Pilgrim Mutual Insurance: Select HMO',
    ]);
    const added = cards.filter({ hasText: 'Pilgrim Mutual Insurance' });
    expect(await added.textContent()).toContain('Secondary');
    expect(await added.textContent()).toContain('$40 co-pay');
    expect(await added.textContent()).toContain('needs a referral from your primary care provider');

    // Not a photo by its content: refused, nothing shown. Then a real photo of the front.
    const picker = added.getByLabel('Add a photo of the front');
    await picker.setInputFiles({
      name: 'card.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not really a picture'),
    });
    await added.getByRole('alert').filter({ hasText: 'This file is not a photo' }).waitFor();
    const photo = syntheticCardPng('front', [120, 40, 90]);
    await picker.setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: photo });
    const image = added.getByRole('img', {
      name: 'Front of the insurance card for Pilgrim Mutual Insurance Select HMO',
    });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(342);
    await insurance.getByText('The photo of the front was saved.').waitFor();
    expect(await added.getByLabel('Replace the photo of the front').count()).toBe(1);
    const stored = await suite.portico.database.db
      .selectFrom('coverages as c')
      .innerJoin('coverage_card_images as i', 'i.coverage_id', 'c.id')
      .innerJoin('patients as p', 'p.id', 'c.patient_id')
      .select(['c.priority', 'c.member_id', 'i.side', 'i.byte_size'])
      .where('p.email', '=', 'patient@example.org')
      .where('c.priority', '=', 2)
      .execute();
    expect(stored.map(({ member_id: _sealed, ...row }) => row)).toEqual([
      { priority: 2, side: 'front', byte_size: photo.length },
    ]);
    // The member id is sealed at rest (decision 0033), never stored as typed.
    expect(stored[0]?.member_id).not.toContain('PMI-778-221');
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: `${await screenshotDir()}/profile-phone.png`, fullPage: true });

    // The clinician opens her record through the API; the patient then sees it listed.
    const clinician = await apiSignIn(suite.portico.origin, 'clinician@example.org', DEMO_PASSWORD);
    await clinician.request('GET', `/api/patients/${(await eleanor()).id}`);
    await page.getByRole('link', { name: 'Who has looked at my record' }).click();
    await expectHeadingFocused(page, 'Who has looked at my record');
    const row = page.getByRole('row').filter({ hasText: 'Opened your record' }).filter({ hasText: 'Priya Raman' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(/Clinician.*Opened your record.*Allowed/);
    // On a phone each entry is stacked and fits the screen.
    const box = await row.first().boundingBox();
    expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    // Her own visits to her profile are left out unless she asks for them.
    const mine = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /(^|: )You$/ }) });
    expect(await mine.count()).toBe(0);
    await page.getByLabel('Also show what I did myself').check();
    await mine.first().waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.screenshot({ path: `${await screenshotDir()}/profile-access-phone.png`, fullPage: true });

    await context.close();
    expectOnlyOurOrigin(log);
  });
});

async function expectFocusOn(page: Page, heading: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.activeElement?.tagName === 'H3' && document.activeElement.textContent === text,
    heading,
  );
}
