import { describe, expect, it } from 'vitest';
import { retryTransient } from './pg-errors.js';

const pgError = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransient', () => {
  it('runs again after a deadlock and returns the later result', async () => {
    let calls = 0;
    const result = await retryTransient(async () => {
      calls++;
      if (calls < 3) throw pgError('40P01');
      return 'booked';
    });
    expect(result).toBe('booked');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw pgError('23P01');
      }),
    ).rejects.toMatchObject({ code: '23P01' });
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the database error', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw pgError('40001');
      }, 3),
    ).rejects.toMatchObject({ code: '40001' });
    expect(calls).toBe(3);
  });
});
