import type { FieldError, PharmacyBody } from '@portico/contracts';

/** A checked pharmacy, ready to store. */
export interface PharmacyData {
  name: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  phone: string;
  ncpdp_id: string | null;
  preferred: boolean;
}

/** US states, DC and the territories with US pharmacies. */
const STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP'
  ).split(' '),
);

const clean = (v: string | undefined): string => (v ?? '').replace(/\s+/g, ' ').trim();

/**
 * Checks every field of a pharmacy the patient typed and names each problem, so the form can
 * point at all of them at once.
 */
export function readPharmacy(body: PharmacyBody): { data: PharmacyData } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const need = (field: string, value: string, what: string, min = 1, max = 200) => {
    if (value.length < min) problems.push({ field, message: `Enter the pharmacy's ${what}.` });
    else if (value.length > max) problems.push({ field, message: `Keep the ${what} to ${max} characters or fewer.` });
  };
  const name = clean(body.name);
  need('name', name, 'name', 2, 120);
  const line1 = clean(body.addressLine1);
  need('addressLine1', line1, 'street address');
  const line2 = clean(body.addressLine2);
  if (line2.length > 200)
    problems.push({ field: 'addressLine2', message: 'Keep this line to 200 characters or fewer.' });
  const city = clean(body.city);
  need('city', city, 'city or town', 1, 100);
  const state = clean(body.state).toUpperCase();
  if (!STATES.has(state)) problems.push({ field: 'state', message: 'Enter the state as two letters, like MA.' });
  const postal = clean(body.postalCode);
  if (!/^[0-9]{5}(-[0-9]{4})?$/.test(postal)) {
    problems.push({ field: 'postalCode', message: 'Enter a ZIP code of 5 digits, like 02114.' });
  }
  const phone = clean(body.phone);
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 7 || digits.length > 15 || phone.length > 30 || !/^[0-9+().\s-]+$/.test(phone)) {
    problems.push({ field: 'phone', message: "Enter the pharmacy's phone number, like 617-555-0123." });
  }
  const ncpdp = clean(body.ncpdpId);
  if (ncpdp !== '' && !/^[0-9]{7}$/.test(ncpdp)) {
    problems.push({
      field: 'ncpdpId',
      message: 'The NCPDP number has 7 digits. Leave it empty if you do not know it.',
    });
  }
  if (problems.length > 0) return { problems };
  return {
    data: {
      name,
      address_line1: line1,
      address_line2: line2 === '' ? null : line2,
      city,
      state,
      postal_code: postal,
      phone,
      ncpdp_id: ncpdp === '' ? null : ncpdp,
      preferred: body.preferred === true,
    },
  };
}
