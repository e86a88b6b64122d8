import { describe, expect, it } from 'vitest';
import { IdempotencyKeys, newIdempotencyKey } from './idempotency';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Idempotency-Key', () => {
  it('is a random UUID v4', () => {
    expect(newIdempotencyKey()).toMatch(V4);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it('is reused for a retry of the same booking and new for a different one', () => {
    const keys = new IdempotencyKeys();
    const booking = { clinicianId: 'c', visitTypeId: 'v', start: '2026-12-01T14:30:00.000Z' };
    const first = keys.for(booking);
    expect(keys.for({ ...booking })).toBe(first);
    expect(keys.for({ ...booking, start: '2026-12-01T15:00:00.000Z' })).not.toBe(first);
    expect(keys.for({ ...booking, reason: 'Chest pain' })).not.toBe(first);
  });

  it('a failed send keeps its key for the retry; a sent one is spent, so the same words later are new', async () => {
    const keys = new IdempotencyKeys();
    const reply = { body: 'Thank you', files: [] };
    const used: string[] = [];
    const lost = keys.send(reply, (key) => {
      used.push(key);
      return Promise.reject(new Error('network'));
    });
    await expect(lost).rejects.toThrow('network');
    await keys.send(reply, async (key) => used.push(key));
    await keys.send(reply, async (key) => used.push(key));
    expect(used[1]).toBe(used[0]);
    expect(used[2]).not.toBe(used[0]);
    expect(used[2]).toMatch(V4);
  });
});
