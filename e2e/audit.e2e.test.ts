import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSuite, newContext } from './harness.js';
import { expectOnlyOurOrigin, openFromMenu, signInOnPage, unnamedControls } from './page-checks.js';

const suite = e2eSuite();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('issue 17: the audit log', () => {
  it('an admin finds a patient by name or by MRN and a user by name or email, and reads names and MRNs rather than ids', async () => {
    // Eleanor opens her portal: her record is read, and each read is audited.
    const patientSide = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    await signInOnPage(suite.portico.origin, patientSide.context, 'patient@example.org');
    const { mrn, patientId, userId } = await suite.portico.database.db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.mrn', 'p.id as patientId', 'u.id as userId'])
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    // Her home page's reads are sent after its heading shows; on a busy machine they may not have
    // reached the server yet. Wait until one of them is in the log before closing her browser.
    await expect
      .poll(async () => {
        const row = await suite.portico.database.db
          .selectFrom('audit_events')
          .select('id')
          .where('patient_id', '=', patientId)
          .where('actor_user_id', '=', userId)
          .executeTakeFirst();
        return row !== undefined;
      })
      .toBe(true);
    await patientSide.context.close();
    const shown = `${mrn.slice(0, 4)}-${mrn.slice(4, 8)}-${mrn.slice(8)}`;

    const { context, log } = await newContext(suite.browser, suite.portico.origin, DESKTOP);
    const page = await signInOnPage(suite.portico.origin, context, 'admin@example.org');
    await openFromMenu(page, 'Audit log');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    const patientColumn = () => page.locator('table tbody tr td:nth-child(5)').allTextContents();

    for (const typed of ['whitfield', shown]) {
      await page.getByLabel('Patient name or MRN').fill(typed);
      await page.getByRole('button', { name: 'Show events' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('patient')).toBe(typed);
      await expect.poll(async () => (await patientColumn()).length).toBeGreaterThan(0);
      await expect.poll(async () => [...new Set(await patientColumn())]).toEqual([`Eleanor WhitfieldMRN ${shown}`]);
    }
    // Who did it is a name and an email too; no cell of the patient or person columns is a raw id.
    const people = await page.locator('table tbody tr td:nth-child(4)').allTextContents();
    expect(people.some((cell) => cell.includes('Eleanor Whitfield') && cell.includes('patient@example.org'))).toBe(
      true,
    );
    for (const cell of [...people, ...(await patientColumn())]) expect(cell).not.toMatch(UUID);

    // The privacy-officer report for this patient downloads as CSV, the rows naming her.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^portico-audit-report-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^time_utc,action,outcome,actor_name,actor_email/);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(`Eleanor Whitfield,${shown}`);

    // The person who acted is found by email or by name too, and the report is theirs.
    await page.getByLabel('Patient name or MRN').fill('');
    const actorColumn = () => page.locator('table tbody tr td:nth-child(4)').allTextContents();
    for (const typed of ['Patient@Example.org', 'eleanor whit']) {
      await page.getByLabel('User name or email').fill(typed);
      await page.getByRole('button', { name: 'Show events' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('user')).toBe(typed);
      await expect.poll(() => new URL(page.url()).searchParams.get('patient')).toBeNull();
      await expect
        .poll(async () => {
          const cells = await actorColumn();
          return cells.length > 0 && cells.every((cell) => cell.includes('patient@example.org'));
        })
        .toBe(true);
    }
    const [byUser] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const userLines = (await readFile(await byUser.path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const emailColumn = (userLines[0] ?? '').split(',').indexOf('actor_email');
    expect(emailColumn).toBeGreaterThan(0);
    expect(userLines.length).toBeGreaterThan(1);
    for (const line of userLines.slice(1)) expect(line.split(',')[emailColumn]).toBe('patient@example.org');
    await page.getByLabel('User name or email').fill('');

    // A mistyped MRN is said so on the field.
    await page.getByLabel('Patient name or MRN').fill(`${shown.slice(0, -1)}${(Number(shown.slice(-1)) + 1) % 10}`);
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('This MRN has a typo').first().waitFor();
    expectOnlyOurOrigin(log);
    await context.close();
  });
});
