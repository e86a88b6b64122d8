/**
 * First-load size: the JavaScript and CSS bytes a patient's browser receives for the sign-in page,
 * and then for the patient home after signing in (the same tab, as a person would), measured in
 * headless Chromium from the Resource Timing of each file (`encodedBodySize`: the bytes on the
 * wire, after compression). Beside it, in the same run, the same files' decoded size: what
 * would be sent without compression. Prints figures and `RESULT size …` lines; asserts nothing.
 * Goal (issue 16): under 200 KB of compressed JavaScript for sign-in then home.
 *
 *   npm run bench:size          (builds the web app first when it is stale)
 */
import { launchChromium, newContext, PHONE, startPortico, DEMO_PASSWORD } from '../e2e/harness.js';
import { table } from './stats.js';

interface Transfer {
  kind: 'js' | 'css';
  encoded: number;
  decoded: number;
}

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** Every script and style sheet this document has fetched so far. */
const TRANSFERS = `performance.getEntriesByType('resource')
  .filter((e) => /\\.(js|css)(\\?|$)/.test(new URL(e.name).pathname))
  .map((e) => ({ kind: new URL(e.name).pathname.endsWith('.css') ? 'css' : 'js', encoded: e.encodedBodySize, decoded: e.decodedBodySize }))`;

function sum(transfers: Transfer[], kind: Transfer['kind'], field: 'encoded' | 'decoded'): number {
  return transfers.filter((t) => t.kind === kind).reduce((total, t) => total + t[field], 0);
}

async function main(): Promise<void> {
  const portico = await startPortico();
  const browser = await launchChromium();
  try {
    const { context } = await newContext(browser, portico.origin, PHONE);
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${portico.origin}/signin`);
    await page.getByLabel('Email', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    const signIn = (await page.evaluate(TRANSFERS)) as Transfer[];

    await page.getByLabel('Email', { exact: true }).fill('patient@example.org');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const home = (await page.evaluate(TRANSFERS)) as Transfer[];

    const rows = [['page', 'JS sent', 'JS decoded', 'CSS sent', 'CSS decoded', 'files']];
    for (const [name, transfers] of [
      ['sign-in', signIn],
      ['sign-in, then home', home],
    ] as const) {
      rows.push([
        name,
        kb(sum(transfers, 'js', 'encoded')),
        kb(sum(transfers, 'js', 'decoded')),
        kb(sum(transfers, 'css', 'encoded')),
        kb(sum(transfers, 'css', 'decoded')),
        String(transfers.length),
      ]);
    }
    console.log(table(rows));
    console.log('');
    for (const [figure, transfers] of [
      ['signin', signIn],
      ['signin_then_home', home],
    ] as const) {
      for (const kind of ['js', 'css'] as const) {
        const encoded = sum(transfers, kind, 'encoded');
        const decoded = sum(transfers, kind, 'decoded');
        console.log(
          `RESULT size ${figure}_${kind} ${(encoded / KB).toFixed(1)} KB ratio=${(encoded / decoded).toFixed(3)}`,
        );
      }
    }
  } finally {
    await browser.close();
    await portico.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
