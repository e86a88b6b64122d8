import { describe, expect, it } from 'vitest';
import { normalizePhone, readProfileChange } from './validate.js';

describe('normalizePhone', () => {
  it('stores North American numbers in one shape and keeps international ones with +', () => {
    expect(normalizePhone('(617) 555-0134')).toBe('617-555-0134');
    expect(normalizePhone('1 617 555 0134')).toBe('617-555-0134');
    expect(normalizePhone('+1.617.555.0134')).toBe('617-555-0134');
    expect(normalizePhone('+44 (20) 7946-0958')).toBe('+44 20 7946 0958');
  });

  it('refuses what cannot be dialled', () => {
    for (const bad of ['555-01', '017-555-0134', 'call me', '+12', '617 555 0134 ext 2', '']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
});

describe('readProfileChange', () => {
  const today = '2026-06-01';

  it('clears an address when every line is empty, and needs the whole of one otherwise', () => {
    const cleared = readProfileChange({ address: { line1: ' ', city: null, postalCode: '' } }, { legal: false, today });
    expect(cleared).toEqual({
      changes: expect.objectContaining({ address_line1: null, address_city: null, address_country: 'US' }),
    });
    const partial = readProfileChange(
      { address: { line1: '1 Main St', city: null, postalCode: null } },
      { legal: false, today },
    );
    expect('problems' in partial && partial.problems.map((p) => p.field)).toEqual([
      'address.city',
      'address.region',
      'address.postalCode',
    ]);
  });

  it('reads legal details only for staff, and only real past dates', () => {
    expect(readProfileChange({ givenName: 'X' }, { legal: false, today })).toEqual({ changes: {} });
    expect(readProfileChange({ birthDate: '1951-02-30' }, { legal: true, today })).toHaveProperty('problems');
    expect(readProfileChange({ birthDate: '1951-03-14' }, { legal: true, today })).toEqual({
      changes: { birth_date: '1951-03-14' },
    });
  });
});
