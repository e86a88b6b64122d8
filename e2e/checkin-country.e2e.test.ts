import { describe, expect, it } from 'vitest';
import { e2eSuite, PHONE } from './harness.js';
import { unnamedControls } from './page-checks.js';
import { visitHelpers } from './visit-helpers.js';

const suite = e2eSuite();
const { addVideoVisit, openSignedIn, newPage } = visitHelpers(() => suite);

describe('issue 17: where the patient is, at e-check-in', () => {
  it('starts from the address on file, puts the likely countries first, and narrows the list as one types', async () => {
    const address = await suite.portico.database.db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.address_country', 'p.address_region'])
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    expect(address.address_country).toBe('US');
    const appointmentId = await addVideoVisit({ clinicianEmail: 'clinician@example.org' }, 'patient@example.org');
    const { page, context } = await newPage(PHONE);
    await openSignedIn(page, `/visits/${appointmentId}`, 'patient@example.org');
    await page.getByRole('heading', { name: 'Check in' }).waitFor();

    // Eleanor lives in Massachusetts: that is filled in, and she only confirms it.
    const country = page.getByLabel('Country');
    await expect.poll(() => country.inputValue()).toBe('US');
    await expect.poll(() => page.getByLabel('State').inputValue()).toBe(address.address_region ?? '');
    const firstGroup = await country.locator('optgroup').first().getAttribute('label');
    expect(firstGroup).toBe('Most likely');
    const likely = await country.locator('optgroup').first().locator('option').allTextContents();
    expect(likely[0]).toBe('United States');
    expect(likely.length).toBeLessThanOrEqual(5);
    expect(await country.locator('option').count()).toBeGreaterThan(240);

    // Typing narrows the list; one match left is chosen.
    const search = page.getByLabel('Search countries by name');
    await search.fill('bra');
    await expect
      .poll(() => country.locator('option:not([value=""])').allTextContents())
      .toEqual(expect.arrayContaining(['Brazil', 'Gibraltar']));
    expect(await country.locator('option:not([value=""])').count()).toBeLessThan(10);
    await search.fill('sao tome');
    await expect.poll(() => country.inputValue()).toBe('ST');
    expect(await page.getByLabel('State').count()).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
    await context.close();
  });
});
