import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesConfig } from '../../config/files.js';
import { PART_MAX_AGE_MS } from './removals.js';
import { FileStore } from './store.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function store(): Promise<FileStore> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-store-'));
  dirs.push(dir);
  return new FileStore(
    filesConfig({ PORTICO_FILES_DIR: dir, PORTICO_FILE_MASTER_KEY: randomBytes(32).toString('base64') }, 'memory://'),
  );
}

describe('FileStore.sweepParts', () => {
  it('removes unfinished uploads a crash left behind, and only those untouched for longer than an upload lives', async () => {
    const files = await store();
    const uploads = join(files.config.dir, 'uploads');
    await mkdir(uploads, { recursive: true });
    const now = new Date();
    const aged = async (name: string, ageMs: number) => {
      await writeFile(join(uploads, name), 'half');
      const at = new Date(now.getTime() - ageMs);
      await utimes(join(uploads, name), at, at);
    };
    await aged('crashed.part', PART_MAX_AGE_MS + 60_000);
    await aged('resumable.part', 23 * 3600_000); // a resumable upload still inside its 24 hours
    await aged('writing.part', 0);
    await aged('not-a-part.txt', PART_MAX_AGE_MS + 60_000);

    expect(await files.sweepParts(now, PART_MAX_AGE_MS)).toBe(1);
    expect((await readdir(uploads)).sort()).toEqual(['not-a-part.txt', 'resumable.part', 'writing.part']);
  });

  it('is fine with no uploads folder at all', async () => {
    expect(await (await store()).sweepParts(new Date(), PART_MAX_AGE_MS)).toBe(0);
  });
});
