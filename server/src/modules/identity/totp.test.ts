import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, TOTP_PERIOD_SECONDS } from './totp.js';

const T = 1_800_000_010_000; // a fixed instant, 10 s into a step
const at = (ms: number) => generate({ secret: SECRET, epoch: Math.floor(ms / 1000), period: TOTP_PERIOD_SECONDS });
const SECRET = newTotpSecret();

describe('TOTP (RFC 6238)', () => {
  it('accepts the current code and one step of drift either way, not two', async () => {
    const step = Math.floor(T / 1000 / TOTP_PERIOD_SECONDS);
    expect(await checkTotp(SECRET, await at(T), null, T)).toBe(step);
    expect(await checkTotp(SECRET, await at(T - 30_000), null, T)).toBe(step - 1);
    expect(await checkTotp(SECRET, await at(T + 30_000), null, T)).toBe(step + 1);
    expect(await checkTotp(SECRET, await at(T - 90_000), null, T)).toBeNull();
    expect(await checkTotp(SECRET, await at(T + 90_000), null, T)).toBeNull();
  });

  it('refuses a code used again within its window, and an older one after a newer', async () => {
    const code = await at(T);
    const used = await checkTotp(SECRET, code, null, T);
    expect(used).not.toBeNull();
    expect(await checkTotp(SECRET, code, used, T + 5_000)).toBeNull();
    expect(await checkTotp(SECRET, await at(T - 30_000), used, T)).toBeNull();
    expect(await checkTotp(SECRET, await at(T + 30_000), used, T + 30_000)).toBe((used ?? 0) + 1);
  });

  it('refuses codes that are not six digits, and takes spaces', async () => {
    const code = await at(T);
    expect(await checkTotp(SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, null, T)).not.toBeNull();
    expect(await checkTotp(SECRET, code.slice(1), null, T)).toBeNull();
    expect(await checkTotp(SECRET, 'abcdef', null, T)).toBeNull();
  });

  it('a code from another secret does not work', async () => {
    const other = newTotpSecret();
    const code = await generate({ secret: other, epoch: Math.floor(T / 1000) });
    // One chance in a million of a collision; the secrets are random, so check the expectation holds.
    if (code !== (await at(T))) expect(await checkTotp(SECRET, code, null, T)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes, stored as a hash that ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-KM-NP-Z2-9]{5}-[A-HJ-KM-NP-Z2-9]{5}$/);
    const [first = ''] = codes;
    expect(hashRecoveryCode(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(first)).not.toContain(first.replace('-', '').toLowerCase());
    expect(hashRecoveryCode(` ${first.toLowerCase().replace('-', ' ')} `)).toBe(hashRecoveryCode(first));
    expect(hashRecoveryCode(first)).not.toBe(hashRecoveryCode(codes[1] ?? ''));
  });
});
