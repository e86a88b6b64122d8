import { describe, expect, it } from 'vitest';
import { INITIAL, toBody } from './body';

describe('toBody', () => {
  const filled = {
    ...INITIAL,
    organizationId: 'org',
    givenName: ' Ana ',
    familyName: 'Souza',
    birthDate: '1971-06-30',
    addressCountry: 'BR',
    payment: 'self_pay',
    payerName: 'Left over',
    memberId: 'X1',
  };

  it('trims text and leaves empty fields out, so the server lists every missing one', () => {
    const body = toBody(filled, false);
    expect(body).toMatchObject({ givenName: 'Ana', organizationId: 'org', addressCountry: 'BR' });
    expect('email' in body).toBe(false);
  });

  it('drops insurance details typed before switching to self-pay', () => {
    const body = toBody(filled, false);
    expect(body.payerName).toBeUndefined();
    expect(body.memberId).toBeUndefined();
    expect(toBody({ ...filled, payment: 'insurance' }, false).memberId).toBe('X1');
  });

  it('never sends an organization for staff: they register into their own', () => {
    expect(toBody(filled, true).organizationId).toBeUndefined();
  });
});
