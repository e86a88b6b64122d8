import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDecrypted, RecordAppender, RECORD_BYTES } from './crypto.js';
import { KeyRing } from './keyring.js';

const dir = await mkdtemp(join(tmpdir(), 'portico-crypto-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const ring = new KeyRing(randomBytes(32));
const newDataKey = (): { key: Buffer; wrapped: string } => ring.newDataKey();

async function decryptAll(path: string, key: Buffer, id: string, expected?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of readDecrypted(path, key, id, expected === undefined ? {} : { expectedBytes: expected }))
    parts.push(p);
  return Buffer.concat(parts);
}

describe('file encryption', () => {
  it('wraps a per-file key under the master key, and refuses another master key', () => {
    const { key, wrapped } = newDataKey();
    expect(ring.unwrap(wrapped).equals(key)).toBe(true);
    expect(() => new KeyRing(randomBytes(32)).unwrap(wrapped)).toThrow();
  });

  it('round-trips a stream written in two sittings, without plaintext on disk', async () => {
    const { key } = newDataKey();
    const path = join(dir, 'a.enc');
    const marker = Buffer.from('PLAINTEXT-MARKER-0123456789');
    const data = Buffer.concat([marker, randomBytes(RECORD_BYTES * 2 + 1234), marker]);
    const cut = RECORD_BYTES + 777;
    const first = await RecordAppender.open(path, key, 'file-1', { plainBytes: 0, storedBytes: 0, records: 0 });
    for (let i = 0; i < cut; i += 10_000) await first.write(data.subarray(i, Math.min(cut, i + 10_000)));
    const mid = await first.close();
    expect(mid.plainBytes).toBe(cut);
    const second = await RecordAppender.open(path, key, 'file-1', mid);
    await second.write(data.subarray(cut));
    const end = await second.close();
    expect(end.plainBytes).toBe(data.length);
    const back = await decryptAll(path, key, 'file-1', data.length);
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect((await readFile(path)).includes(marker)).toBe(false);
  });

  it('detects tampering, a wrong file id, and a cut-off tail', async () => {
    const { key } = newDataKey();
    const path = join(dir, 'b.enc');
    const w = await RecordAppender.open(path, key, 'file-2', { plainBytes: 0, storedBytes: 0, records: 0 });
    await w.write(randomBytes(RECORD_BYTES + 10));
    const state = await w.close();
    await expect(decryptAll(path, key, 'other-file')).rejects.toThrow();
    await expect(decryptAll(path, key, 'file-2', state.plainBytes + 1)).rejects.toThrow(/truncated/);
    const bytes = await readFile(path);
    bytes[40] = (bytes[40] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    await expect(decryptAll(path, key, 'file-2')).rejects.toThrow();
  });
});
