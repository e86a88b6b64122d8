import { describe, expect, it } from 'vitest';
import { readPharmacy } from './pharmacy-input.js';

const good = {
  name: '  Harbor   Pharmacy ',
  addressLine1: '200 Cambridge Street',
  city: 'Boston',
  state: 'ma',
  postalCode: '02114-2696',
  phone: '(617) 555-0161',
};

describe('a pharmacy as the patient types it', () => {
  it('is tidied: spaces squeezed, the state in capitals, empty optional fields left out', () => {
    expect(readPharmacy({ ...good, addressLine2: ' ', ncpdpId: '' })).toEqual({
      data: {
        name: 'Harbor Pharmacy',
        address_line1: '200 Cambridge Street',
        address_line2: null,
        city: 'Boston',
        state: 'MA',
        postal_code: '02114-2696',
        phone: '(617) 555-0161',
        ncpdp_id: null,
        preferred: false,
      },
    });
  });

  it('names every field that is wrong at once', () => {
    const read = readPharmacy({
      name: 'X',
      addressLine1: '',
      city: ' ',
      state: 'ZZ',
      postalCode: '0211',
      phone: '555',
      ncpdpId: 'ABC1234',
    });
    expect('problems' in read && read.problems.map((p) => p.field)).toEqual([
      'name',
      'addressLine1',
      'city',
      'state',
      'postalCode',
      'phone',
      'ncpdpId',
    ]);
  });

  it('takes a 7-digit NCPDP id and the preferred flag', () => {
    const read = readPharmacy({ ...good, ncpdpId: '2212345', preferred: true });
    expect('data' in read && [read.data.ncpdp_id, read.data.preferred]).toEqual(['2212345', true]);
  });
});
