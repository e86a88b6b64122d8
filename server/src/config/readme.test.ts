import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's "Configuration" section: from its heading to the next one. */
const section = readme.slice(readme.indexOf('\n## Configuration\n'));
const table = section.slice(0, section.indexOf('\n## ', 1));
const documented = [...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1] ?? '');

/**
 * Read without a row of their own, each named in the table: NODE_ENV is Node's own (under the file
 * master key), PORTICO_FILE_KEY is the master key's old name.
 */
const NAMED_IN_A_ROW = ['NODE_ENV', 'PORTICO_FILE_KEY'];

/** Every variable loadConfig reads, across environments that turn on each conditional part. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const environments: Record<string, string>[] = [
    {},
    { PORTICO_PAYMENT_PROCESSOR: 'stripe', PORTICO_STRIPE_SECRET_KEY: 'sk_test_readme' },
    {
      PORTICO_SSO_ISSUER: 'https://login.example.org',
      PORTICO_SSO_CLIENT_ID: 'portico',
      PORTICO_SSO_ROLE_MAP: 'doctors=clinician',
    },
  ];
  for (const values of environments) {
    const env = new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return typeof name === 'string' ? target[name] : undefined;
      },
    });
    loadConfig(env);
  }
  return read;
}

describe('README configuration table', () => {
  it('lists each variable once', () => {
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((name, i) => documented.indexOf(name) !== i)).toEqual([]);
  });

  it('documents every variable loadConfig reads, and loadConfig reads every variable it documents', () => {
    const read = variablesRead();
    const rows = new Set(documented);
    expect([...read].filter((name) => !rows.has(name) && !NAMED_IN_A_ROW.includes(name)).sort()).toEqual([]);
    expect(documented.filter((name) => !read.has(name)).sort()).toEqual([]);
    for (const name of NAMED_IN_A_ROW) {
      expect(read.has(name), `${name} is read`).toBe(true);
      expect(table).toContain(`\`${name}`);
    }
  });
});
