import { describe, expect, it } from 'vitest';
import { activationCode, hashToken, normaliseActivationCode, randomToken } from './tokens.js';

describe('activation codes', () => {
  it('are three groups of four unambiguous characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = activationCode();
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      expect(code).not.toMatch(/[01ILO]/);
    }
  });

  it('ignore case, spaces and dashes as typed by a person', () => {
    expect(normaliseActivationCode(' k7qm 2xhp-9wta ')).toBe('K7QM2XHP9WTA');
    expect(hashToken(normaliseActivationCode('k7qm-2xhp-9wta'))).toBe(
      hashToken(normaliseActivationCode('K7QM2XHP9WTA')),
    );
  });
});

describe('random tokens', () => {
  it('are long, URL-safe and not repeated', () => {
    const seen = new Set(Array.from({ length: 500 }, () => randomToken()));
    expect(seen.size).toBe(500);
    for (const t of seen) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
