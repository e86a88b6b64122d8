import type { AddressBody, FieldError, ProfileUpdateBody } from '@portico/contracts';
import type { AdministrativeSex } from '../../db/tables/profile.js';

/** US states, DC, territories and military mail codes: what a US postal address may carry. */
// prettier-ignore
const US_REGIONS = new Set([
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH',
  'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'PR', 'GU', 'VI', 'AS', 'MP', 'AA', 'AE', 'AP',
]);

const PHONE_MESSAGE = 'Enter a phone number with its area code, like 617-555-0123, or + and the country code.';

/**
 * A phone number as Portico stores it: North American numbers as 617-555-0123, others as +
 * and digits in the groups the person typed. Null when it cannot be a phone number.
 */
export function normalizePhone(raw: string): string | null {
  const text = raw.trim();
  if (!/^\+?[0-9 ().-]+$/.test(text)) return null;
  const digits = text.replace(/[^0-9]/g, '');
  if (text.startsWith('+')) {
    if (digits.startsWith('1') && digits.length === 11) return nanp(digits.slice(1));
    if (digits.length < 8 || digits.length > 15) return null;
    return `+${text
      .slice(1)
      .replace(/[().-]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()}`;
  }
  if (digits.length === 11 && digits.startsWith('1')) return nanp(digits.slice(1));
  if (digits.length === 10) return nanp(digits);
  return null;
}

/** NANP rules: area code and exchange never start with 0 or 1. */
function nanp(ten: string): string | null {
  if (!/^[2-9][0-9]{2}[2-9][0-9]{6}$/.test(ten)) return null;
  return `${ten.slice(0, 3)}-${ten.slice(3, 6)}-${ten.slice(6)}`;
}

const POSTAL: Record<string, { pattern: RegExp; message: string }> = {
  US: { pattern: /^[0-9]{5}(-[0-9]{4})?$/, message: 'Enter a 5-digit ZIP code, like 02114, or ZIP+4 like 02114-2696.' },
  CA: { pattern: /^[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]$/, message: 'Enter the postal code like K1A 0B1.' },
};
const OTHER_POSTAL = {
  pattern: /^[A-Z0-9][A-Z0-9 -]{1,11}$/,
  message: 'Enter the postal code as it is written on your mail (letters, digits, spaces).',
};

type Nullable = string | null;

/** Column values to write; a key that is absent is left as it is. */
export interface ProfileChanges {
  given_name?: string;
  family_name?: string;
  birth_date?: string;
  preferred_name?: Nullable;
  pronouns?: Nullable;
  sex?: AdministrativeSex | null;
  phone?: Nullable;
  mobile_phone?: Nullable;
  visit_phone?: Nullable;
  preferred_language?: string;
  address_line1?: Nullable;
  address_line2?: Nullable;
  address_city?: Nullable;
  address_region?: Nullable;
  address_postal_code?: Nullable;
  address_country?: string;
}

const clean = (v: string | null | undefined): Nullable => {
  const t = (v ?? '').trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
};

function readAddress(a: AddressBody, problems: FieldError[]): ProfileChanges {
  const line1 = clean(a.line1);
  const line2 = clean(a.line2);
  const city = clean(a.city);
  const postal = clean(a.postalCode)?.toUpperCase() ?? null;
  const country = (clean(a.country) ?? 'US').toUpperCase();
  const region = clean(a.region);
  if (!/^[A-Z]{2}$/.test(country))
    problems.push({ field: 'address.country', message: 'Choose a country from the list.' });
  // Nothing typed at all: the person is removing their address.
  if (!line1 && !line2 && !city && !postal && !region) {
    return {
      address_line1: null,
      address_line2: null,
      address_city: null,
      address_region: null,
      address_postal_code: null,
      address_country: country,
    };
  }
  const us = country === 'US';
  if (!line1) problems.push({ field: 'address.line1', message: 'Enter the street address.' });
  if (!city) problems.push({ field: 'address.city', message: 'Enter the town or city.' });
  const upperRegion = region?.toUpperCase() ?? null;
  if (us && (!upperRegion || !US_REGIONS.has(upperRegion))) {
    problems.push({ field: 'address.region', message: 'Choose the state.' });
  }
  const rule = POSTAL[country] ?? OTHER_POSTAL;
  if (!postal) {
    problems.push({ field: 'address.postalCode', message: us ? 'Enter the ZIP code.' : 'Enter the postal code.' });
  } else if (!rule.pattern.test(postal)) {
    problems.push({ field: 'address.postalCode', message: rule.message });
  }
  return {
    address_line1: line1,
    address_line2: line2,
    address_city: city,
    address_region: us ? upperRegion : region,
    address_postal_code: postal,
    address_country: country,
  };
}

function readPhone(
  value: string | null | undefined,
  field: string,
  problems: FieldError[],
): { set: boolean; value: Nullable } {
  if (value === undefined) return { set: false, value: null };
  const text = clean(value);
  if (text === null) return { set: true, value: null };
  const phone = normalizePhone(text);
  if (!phone) problems.push({ field, message: PHONE_MESSAGE });
  return { set: true, value: phone };
}

function isPastDate(value: string, today: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return (
    Number.isFinite(time) &&
    new Date(time).toISOString().slice(0, 10) === value &&
    value > '1900-01-01' &&
    value <= today
  );
}

/**
 * Reads a profile change into column values, or every problem with its field. Legal details
 * (name, birth date) are read only when `legal` is true: staff of the patient's organization.
 */
export function readProfileChange(
  body: ProfileUpdateBody,
  opts: { legal: boolean; today: string },
): { changes: ProfileChanges } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const changes: ProfileChanges = {};
  if (opts.legal) {
    for (const [key, column] of [
      ['givenName', 'given_name'],
      ['familyName', 'family_name'],
    ] as const) {
      const value = body[key];
      if (value === undefined) continue;
      const text = clean(value);
      if (!text) problems.push({ field: key, message: 'Enter the legal name as it is on an official ID.' });
      else changes[column] = text;
    }
    if (body.birthDate !== undefined) {
      if (isPastDate(body.birthDate, opts.today)) changes.birth_date = body.birthDate;
      else
        problems.push({ field: 'birthDate', message: 'Enter a real date of birth as YYYY-MM-DD, not in the future.' });
    }
  }
  if (body.preferredName !== undefined) changes.preferred_name = clean(body.preferredName);
  if (body.pronouns !== undefined) changes.pronouns = clean(body.pronouns);
  if (body.sex !== undefined) changes.sex = body.sex;
  for (const [key, column] of [
    ['homePhone', 'phone'],
    ['mobilePhone', 'mobile_phone'],
    ['visitPhone', 'visit_phone'],
  ] as const) {
    const read = readPhone(body[key], key, problems);
    if (read.set) changes[column] = read.value;
  }
  if (body.preferredLanguage !== undefined) {
    const lang = body.preferredLanguage.trim();
    if (/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/.test(lang)) changes.preferred_language = lang;
    else problems.push({ field: 'preferredLanguage', message: 'Choose a language from the list.' });
  }
  if (body.address !== undefined) Object.assign(changes, readAddress(body.address, problems));
  return problems.length > 0 ? { problems } : { changes };
}
