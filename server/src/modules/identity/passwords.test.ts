import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

// Building the dictionaries and argon2 both take CPU a shared machine may not have at once.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(async () => {
  await passwordProblems('warm up the dictionaries', 'a@b.org');
}, 120_000);

describe('password policy', () => {
  it('accepts a long passphrase', async () => {
    expect(await passwordProblems('blue kettle morning walk', 'eleanor@example.org')).toEqual([]);
  });
  it('explains what is wrong, on the right field', async () => {
    expect(await passwordProblems('elevenchars', 'a@b.org')).toEqual([
      { field: 'password', message: 'Use at least 12 characters.' },
    ]);
    expect((await passwordProblems('aaaaaaaaaaaa', 'a@b.org'))[0]?.message).toMatch(/too easy to guess/);
    expect((await passwordProblems('Password1234', 'a@b.org', 'newPassword'))[0]).toMatchObject({
      field: 'newPassword',
    });
    expect((await passwordProblems('eleanor-2026-x', 'eleanor@example.org'))[0]?.message).toMatch(/email address/);
  });
});

describe('screening against common and breached passwords (zxcvbn-ts dictionaries)', () => {
  it('refuses well-known passwords and their usual disguises, however long', async () => {
    for (const weak of ['correcthorse', 'Password1234!', 'qwertyuiop123', 'iloveyou12345', 'abcdefghijkl']) {
      expect(await passwordProblems(weak, 'someone@example.org'), weak).toHaveLength(1);
    }
  });
  it('accepts unrelated words and long random strings', async () => {
    for (const strong of ['correcthorsebatterystaple', 'Lantern-orchard-river-9', 'q8#Vt2!mZp4$wL']) {
      expect(await passwordProblems(strong, 'someone@example.org'), strong).toEqual([]);
    }
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
