import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from './stale.mjs';

/** `npm start` builds only what is older than its sources (scripts/build-server.mjs, build-web-if-stale.mjs). */
describe('staleReason', () => {
  /** @type {string[]} */
  const roots = [];
  afterEach(async () => {
    for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
  });

  /** A project with sources in src/ (plus ignored dist/ and node_modules/) and a built output, all at fixed times. */
  async function project() {
    const root = await mkdtemp(join(tmpdir(), 'portico-stale-'));
    roots.push(root);
    const at = (s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    await mkdir(join(root, 'src', 'lib'), { recursive: true });
    await mkdir(join(root, 'src', 'node_modules'), { recursive: true });
    await mkdir(join(root, 'out'), { recursive: true });
    await writeFile(join(root, 'src', 'lib', 'a.ts'), 'a');
    await writeFile(join(root, 'src', 'node_modules', 'dep.js'), 'dep');
    await writeFile(join(root, 'out', 'main.js'), 'built');
    for (const p of ['src/lib/a.ts', 'src/lib', 'src/node_modules/dep.js', 'src/node_modules', 'src']) {
      await utimes(join(root, p), at(1), at(1));
    }
    await utimes(join(root, 'out', 'main.js'), at(10), at(10));
    return { root, at };
  }

  it('is empty when the output is newer than every source', async () => {
    const { root } = await project();
    expect(staleReason(root, 'out/main.js', ['src'])).toBe('');
  });

  it('names the changed source when one is newer than the output', async () => {
    const { root, at } = await project();
    await utimes(join(root, 'src', 'lib', 'a.ts'), at(20), at(20));
    expect(staleReason(root, 'out/main.js', ['src'])).toBe(
      `${join('src', 'lib', 'a.ts')} changed since the last build`,
    );
  });

  it('counts a deleted or added file through its folder, and ignores node_modules', async () => {
    const { root, at } = await project();
    await utimes(join(root, 'src', 'node_modules', 'dep.js'), at(20), at(20));
    await utimes(join(root, 'src', 'node_modules'), at(20), at(20));
    expect(staleReason(root, 'out/main.js', ['src'])).toBe('');
    await utimes(join(root, 'src', 'lib'), at(20), at(20));
    expect(staleReason(root, 'out/main.js', ['src'])).toBe(`${join('src', 'lib')} changed since the last build`);
  });

  it('says so when the output is missing, and ignores a source that does not exist', async () => {
    const { root } = await project();
    expect(staleReason(root, 'out/missing.js', ['src'])).toBe('out/missing.js is missing');
    expect(staleReason(root, 'out/main.js', ['src', 'nowhere'])).toBe('');
  });
});
