import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('blue kettle morning walk', 'eleanor@example.org')).toEqual([]);
  });
  it('explains what is wrong, on the right field', () => {
    expect(passwordProblems('short', 'a@b.org')).toEqual([
      { field: 'password', message: 'Use at least 10 characters.' },
    ]);
    expect(passwordProblems('aaaaaaaaaaaa', 'a@b.org')[0]?.message).toMatch(/too easy to guess/);
    expect(passwordProblems('Password123', 'a@b.org', 'newPassword')[0]).toMatchObject({ field: 'newPassword' });
    expect(passwordProblems('eleanor-2026-x', 'eleanor@example.org')[0]?.message).toMatch(/email address/);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password only, and never stores it in clear', async () => {
    const hash = await hashPassword('blue kettle morning walk');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain('kettle');
    expect(await verifyPassword(hash, 'blue kettle morning walk')).toBe(true);
    expect(await verifyPassword(hash, 'blue kettle morning wal')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
