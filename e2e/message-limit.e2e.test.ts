import { describe, expect, it } from 'vitest';
import { e2eSuite, newContext, PHONE } from './harness.js';
import { expectOnlyOurOrigin, signInOnPage } from './page-checks.js';

const suite = e2eSuite();

describe('issue 17: a long message', () => {
  it('shows a count near the limit, says clearly when it is over, keeps the text, and sends once shortened', async () => {
    const { context, log } = await newContext(suite.browser, suite.portico.origin, PHONE);
    context.setDefaultTimeout(15_000);
    const page = await signInOnPage(suite.portico.origin, context, 'patient@example.org');
    await page.goto(`${suite.portico.origin}/messages/new`);
    await page.getByRole('heading', { level: 1, name: 'New message' }).waitFor();
    await page.getByLabel('To', { exact: true }).selectOption({ label: 'Priya Raman (Internal Medicine)' });
    await page.getByLabel('Subject').fill('My blood pressure diary');
    const body = page.getByLabel('Your message');

    await body.fill('a'.repeat(8_000));
    expect(await page.getByText(/characters left of/).count()).toBe(0);
    await body.fill('a'.repeat(9_500));
    await page.getByText('500 characters left of 10,000').waitFor();

    // Nothing is cut: all 10,050 characters stay in the box, and the count says how many are too many.
    const long = 'b'.repeat(10_050);
    await body.fill(long);
    expect((await body.inputValue()).length).toBe(10_050);
    await page.getByText('50 characters too many: the limit is 10,000').waitFor();

    let posted = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/messages/threads' && r.method() === 'POST') posted += 1;
    });
    await page.getByRole('button', { name: 'Send message' }).click();
    const message =
      'Your message is 50 characters too long (the limit is 10,000). Shorten it, or send the rest in a second message.';
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByText(message).waitFor();
    // The message sits on the field itself, tied to the box, and the text is still all there.
    const describedBy = (await body.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(described.join(' ')).toContain(message);
    expect(await body.inputValue()).toBe(long);
    expect(posted).toBe(0);

    await body.fill('c'.repeat(10_000));
    await page.getByText('0 characters left of 10,000').waitFor();
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    expect(posted).toBe(1);
    expectOnlyOurOrigin(log);
    await context.close();
  });
});
