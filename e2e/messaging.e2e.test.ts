import type { MessageOptions, Thread } from '@portico/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  DEMO_PASSWORD,
  DESKTOP,
  launchChromium,
  newContext,
  PHONE,
  screenshotDir,
  startPortico,
  type Portico,
} from './harness.js';
import {
  expectHeadingFocused,
  expectOnlyOurOrigin,
  openFromMenu,
  signInOnPage,
  unnamedControls,
} from './page-checks.js';

let portico: Portico;
let browser: Browser;

/** A real (tiny) PDF: the server checks the bytes, not the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const SUBJECT = 'Blood pressure log for Dr. Raman';
const BODY = 'My readings were higher this week. My log is attached.';
const REPLY = 'Thank you, Eleanor. Keep logging twice a day and we will go over it at your visit.';
const FILES_LABEL = 'Attach photos or PDFs (optional)';

beforeAll(async () => {
  portico = await startPortico();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await portico?.close();
});

async function countRows(): Promise<{ threads: number; messages: number; attachments: number }> {
  const db = portico.database.db;
  const count = async (table: 'message_threads' | 'messages' | 'message_attachments') =>
    Number((await db.selectFrom(table).select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    threads: await count('message_threads'),
    messages: await count('messages'),
    attachments: await count('message_attachments'),
  };
}

describe('secure messages between a patient and the care team', () => {
  it('a patient writes with a PDF; the clinician sees it unread first, replies; the patient sees the reply and that theirs was read', async () => {
    const shots = await screenshotDir();
    const patientSide = await newContext(browser, portico.origin, PHONE);
    patientSide.context.setDefaultTimeout(15_000);
    const patient = await signInOnPage(portico.origin, patientSide.context, 'patient@example.org');

    // 1. Home says there is nothing new; the menu leads to Messages, then to a new message.
    const card = patient.getByRole('listitem').filter({ has: patient.getByRole('heading', { name: 'Messages' }) });
    await expect.poll(() => card.textContent()).toContain('No new messages.');
    await openFromMenu(patient, 'Messages');
    await expectHeadingFocused(patient, 'Messages');
    await patient.getByRole('link', { name: 'New message' }).click();
    await expectHeadingFocused(patient, 'New message');

    // 2. Write to the clinician, with a PDF; the file is listed with its size before sending.
    const to = patient.getByLabel('To', { exact: true });
    await to.selectOption({ label: 'Priya Raman (Internal Medicine)' });
    await patient.getByLabel('Topic').selectOption({ label: 'A question' });
    await patient.getByLabel('Subject').fill(SUBJECT);
    await patient.getByLabel('Your message').fill(BODY);
    await patient
      .getByLabel(FILES_LABEL)
      .setInputFiles({ name: 'bp-log.pdf', mimeType: 'application/pdf', buffer: PDF });
    const chosen = patient.getByRole('list', { name: '1 file to send' });
    await chosen.getByText('bp-log.pdf').waitFor();
    await patient.getByRole('button', { name: 'Remove bp-log.pdf' }).waitFor();
    expect(await unnamedControls(patient)).toEqual([]);
    await patient.screenshot({ path: `${shots}/messaging-new-phone.png`, fullPage: true });
    const [sent] = await Promise.all([
      patient.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/messages/threads' && r.request().method() === 'POST',
      ),
      patient.getByRole('button', { name: 'Send message' }).click(),
    ]);
    expect(sent.status()).toBe(201);
    const thread = (await sent.json()) as Thread;
    expect(thread.messages[0]?.attachments).toEqual([
      expect.objectContaining({ filename: 'bp-log.pdf', contentType: 'application/pdf', sizeBytes: PDF.length }),
    ]);

    // 3. The conversation: sent, with the file, not read yet.
    await expectHeadingFocused(patient, SUBJECT);
    expect(new URL(patient.url()).pathname).toBe(`/messages/${thread.id}`);
    await patient.getByText('Your message was sent.').waitFor();
    const conversation = patient.getByRole('list', { name: '1 message' });
    await conversation.getByRole('link', { name: 'bp-log.pdf' }).waitFor();
    expect(await conversation.textContent()).toContain('Not read yet');

    // A newer conversation that the care team has already read: unread ones still come first.
    const eleanor = await apiSignIn(portico.origin, 'patient@example.org', DEMO_PASSWORD);
    const options = await eleanor.request<MessageOptions>('GET', '/api/messages/options');
    const pool = options.pools.find((p) => p.name === 'Primary Care nurses');
    if (!pool) throw new Error('the demo has no "Primary Care nurses" pool');
    const older = await eleanor.request<Thread>('POST', '/api/messages/threads', {
      topic: 'appointment',
      subject: 'Parking at the clinic',
      body: 'Where do I park?',
      poolId: pool.id,
    });
    const doctorApi = await apiSignIn(portico.origin, 'clinician@example.org', DEMO_PASSWORD);
    await doctorApi.request<Thread>('GET', `/api/messages/threads/${older.id}`);

    // 4. The clinician's inbox: the new message first, marked unread.
    const doctorSide = await newContext(browser, portico.origin, DESKTOP);
    doctorSide.context.setDefaultTimeout(15_000);
    const doctor = await signInOnPage(portico.origin, doctorSide.context, 'clinician@example.org');
    await openFromMenu(doctor, 'Inbox');
    await expectHeadingFocused(doctor, 'Inbox');
    const items = doctor.locator('main ul.msg-items > li');
    await expect.poll(() => items.count()).toBe(2);
    const first = items.nth(0);
    expect(await first.getByRole('heading', { level: 3 }).textContent()).toContain(SUBJECT);
    expect(await first.textContent()).toContain('1 new');
    expect(await first.textContent()).toContain('Eleanor Whitfield, to Priya Raman');
    expect(await items.nth(1).textContent()).toContain('Parking at the clinic');
    expect(await items.nth(1).textContent()).not.toMatch(/\d+ new/);
    expect(await doctor.locator('main [role="status"].msg-count').textContent()).toBe('2 conversations. 1 unread.');

    // 5. Open it: the patient's words and the PDF, which downloads as a PDF for the clinician.
    await first.getByRole('link', { name: SUBJECT }).click();
    await expectHeadingFocused(doctor, SUBJECT);
    await doctor.getByText(BODY).waitFor();
    const fileLink = doctor.getByRole('link', { name: 'bp-log.pdf' });
    const href = await fileLink.getAttribute('href');
    if (!href) throw new Error('the attachment has no link');
    const download = await doctorSide.context.request.get(`${portico.origin}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    expect(await unnamedControls(doctor)).toEqual([]);

    // 6. Reply.
    await doctor.getByLabel('Your reply').fill(REPLY);
    await doctor.getByRole('button', { name: 'Send reply' }).click();
    await doctor.getByText('Your reply was sent.').waitFor();
    await doctor.getByText(REPLY).waitFor();
    await doctor.screenshot({ path: `${shots}/messaging-inbox-thread-desktop.png`, fullPage: true });

    // 7. The patient: one new message on the home page and in the list; the reply; a read receipt.
    await patient.goto(`${portico.origin}/`);
    const homeCard = patient.getByRole('listitem').filter({ has: patient.getByRole('heading', { name: 'Messages' }) });
    await expect.poll(() => homeCard.textContent()).toContain('1 new message');
    await homeCard.getByRole('link', { name: 'Open messages' }).click();
    await expectHeadingFocused(patient, 'Messages');
    const mine = patient.locator('main ul.msg-items > li').filter({ hasText: SUBJECT });
    await expect.poll(() => mine.textContent()).toContain('1 new');
    await mine.getByRole('link', { name: SUBJECT }).click();
    await expectHeadingFocused(patient, SUBJECT);
    const both = patient.getByRole('list', { name: '2 messages' });
    await both.getByText(REPLY).waitFor();
    const own = both.getByRole('listitem').filter({ hasText: BODY });
    expect(await own.locator('.msg__receipt').textContent()).toMatch(/^Read .*\d{1,2}:\d{2}/);
    const theirs = both.getByRole('listitem').filter({ hasText: REPLY });
    expect(await theirs.textContent()).toContain('Priya Raman');
    await patient.screenshot({ path: `${shots}/messaging-thread-phone.png`, fullPage: true });

    // 8. Reading it cleared "new" for the patient, and the clinician's reply now shows as read.
    await patient.getByRole('link', { name: 'All messages' }).click();
    await expectHeadingFocused(patient, 'Messages');
    await expect.poll(() => mine.textContent()).not.toMatch(/\d+ new/);
    await doctor.reload();
    const reply = doctor.getByRole('listitem').filter({ hasText: REPLY });
    await expect.poll(() => reply.locator('.msg__receipt').textContent()).toMatch(/^Read /);

    await patientSide.context.close();
    await doctorSide.context.close();
    expectOnlyOurOrigin(patientSide.log);
    expectOnlyOurOrigin(doctorSide.log);
  });

  it('refuses a file that only pretends to be a PDF, at the file field, and sends nothing', async () => {
    const before = await countRows();
    const { context, log } = await newContext(browser, portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await signInOnPage(portico.origin, context, 'patient@example.org');
    await page.goto(`${portico.origin}/messages/new`);
    await page.getByRole('heading', { level: 1, name: 'New message' }).waitFor();
    await page.getByLabel('To', { exact: true }).selectOption({ label: 'Priya Raman (Internal Medicine)' });
    await page.getByLabel('Subject').fill('My test results');
    await page.getByLabel('Your message').fill('Please see the attached results.');
    const files = page.getByLabel(FILES_LABEL);
    await files.setInputFiles({
      name: 'results.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('These are not really PDF bytes, just text with a .pdf name.\n'),
    });
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/messages/threads' && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'Send message' }).click(),
    ]);
    expect(refused.status()).toBe(415);

    // The error summary takes focus and links to the file field, which carries the error itself.
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') ?? false);
    const problem = /"results\.pdf" is not a PDF or a photo/;
    expect(await summary.textContent()).toMatch(problem);
    expect(await files.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await files.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    if (!errorId) throw new Error('the file field is not described by an error');
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(problem);
    await summary.getByRole('link', { name: problem }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('file');

    // Still on the form, with what was typed; nothing was stored.
    expect(new URL(page.url()).pathname).toBe('/messages/new');
    expect(await page.getByLabel('Subject').inputValue()).toBe('My test results');
    expect(await countRows()).toEqual(before);
    await page.screenshot({ path: `${await screenshotDir()}/messaging-bad-file-phone.png`, fullPage: true });

    await context.close();
    expect(log.pageErrors).toEqual([]);
    expect(log.offOrigin()).toEqual([]);
  });
});
