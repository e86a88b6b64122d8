import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { CLINICIAN_ROLES, DEMO_CLINICIAN_INDEX, DEMO_SIGN_INS, SERVICE_LINES } from './data.js';

// Issue 17 #10: the README must say what the code does, once.
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../../../README.md');

describe('README agrees with the code', () => {
  it('lists every demo sign-in with its role and who it is, as the server prints them', () => {
    const rows = readme.split('\n').filter((line) => /^\|\s*\w+\s*\|\s*`[^`]+@example\.org`/.test(line));
    const table = rows.map((line) => line.split('|').map((cell) => cell.trim().replace(/`/g, '')));
    expect(table.map(([, role, email, who]) => ({ role, email, who }))).toEqual(
      DEMO_SIGN_INS.map((d) => ({ role: d.role, email: d.email, who: d.who })),
    );
  });

  it("names Dr. Raman's specialty and service line as the directory shows them", () => {
    const [line, specialty] = CLINICIAN_ROLES[DEMO_CLINICIAN_INDEX] ?? [];
    const lineName = SERVICE_LINES.find(([code]) => code === line)?.[1];
    const raman = DEMO_SIGN_INS.find((d) => d.role === 'clinician');
    expect(raman?.who).toContain(`${specialty} (${lineName})`);
    expect(readme).not.toMatch(/Raman, Primary Care/);
  });

  it('gives each default data folder once, as the configuration has it', () => {
    const config = loadConfig({});
    const paths = new Set(readme.match(/\.\/data[\w/.-]*/g) ?? []);
    expect([...paths].sort()).toEqual([config.dataDir, config.files.dir].sort());
  });

  it('calls the clinician page by the name on screen, and documents npm run demo:reset', () => {
    const core: { nav: { visits: string } } = JSON.parse(read('../../../web/src/app/i18n/en.json'));
    const visit: { queue: { title: string } } = JSON.parse(read('../../../web/src/features/visit/en.json'));
    expect(core.nav.visits).toBe(visit.queue.title);
    expect(readme).toContain(`**${visit.queue.title}** shows Eleanor waiting`);
    expect(readme).not.toContain("Today's visits");
    const pkg: { scripts: Record<string, string> } = JSON.parse(read('../../../package.json'));
    expect(pkg.scripts['demo:reset']).toMatch(/ demo-reset$/);
    expect(readme).toContain('npm run demo:reset');
  });
});
