import { isCountryCode, type FieldError, type RegistrationBody } from '@portico/contracts';
import { readProfileChange } from '../profile/index.js';
import type { NewPatient } from './repository.js';

/** A registration read and checked: the patient record it would make, and how they will pay. */
export interface RegistrationInput {
  patient: Omit<NewPatient, 'organization_id'>;
  payment: 'insurance' | 'self_pay';
  payerName: string | null;
  planName: string | null;
  memberId: string | null;
}

const FIELD_NAMES: Record<string, string> = {
  homePhone: 'phone',
  'address.line1': 'addressLine1',
  'address.line2': 'addressLine2',
  'address.city': 'addressCity',
  'address.region': 'addressRegion',
  'address.postalCode': 'addressPostalCode',
  'address.country': 'addressCountry',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$/;

const text = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
};

/**
 * Reads a registration; every problem comes back at once with its field. Names, birth date,
 * phone, language and address follow the same rules as the patient profile. An online
 * registration needs an email (the sign-in code is sent there); staff need an email or a phone.
 */
export function readRegistration(
  body: RegistrationBody,
  opts: { today: string; emailRequired: boolean },
): { input: RegistrationInput } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const need = (field: keyof RegistrationBody, message: string): void => {
    if (!text(body[field] as string | null | undefined)) problems.push({ field, message });
  };
  need('givenName', 'Enter the first (given) name.');
  need('familyName', 'Enter the last (family) name.');
  need('birthDate', 'Enter the date of birth.');
  need('preferredLanguage', 'Choose the preferred language.');
  need('addressCountry', 'Choose the country.');

  const country = text(body.addressCountry)?.toUpperCase() ?? null;
  if (country && !isCountryCode(country)) {
    problems.push({ field: 'addressCountry', message: 'Choose a country from the list.' });
  }
  const read = readProfileChange(
    {
      ...(text(body.givenName) ? { givenName: text(body.givenName) ?? '' } : {}),
      ...(text(body.familyName) ? { familyName: text(body.familyName) ?? '' } : {}),
      ...(text(body.birthDate) ? { birthDate: text(body.birthDate) ?? '' } : {}),
      ...(body.sex ? { sex: body.sex } : {}),
      ...(text(body.phone) ? { homePhone: text(body.phone) } : {}),
      ...(text(body.preferredLanguage) ? { preferredLanguage: text(body.preferredLanguage) ?? '' } : {}),
      address: {
        line1: text(body.addressLine1),
        line2: text(body.addressLine2),
        city: text(body.addressCity),
        region: text(body.addressRegion),
        postalCode: text(body.addressPostalCode),
        ...(country && isCountryCode(country) ? { country } : { country: 'US' }),
      },
    },
    { legal: true, today: opts.today },
  );
  if ('problems' in read) {
    for (const p of read.problems) problems.push({ field: FIELD_NAMES[p.field] ?? p.field, message: p.message });
  }

  const email = text(body.email)?.toLowerCase() ?? null;
  if (email && !EMAIL.test(email))
    problems.push({ field: 'email', message: 'Enter an email address like name@example.com.' });
  if (opts.emailRequired && !email) {
    problems.push({ field: 'email', message: 'Enter an email address: we send the sign-in code there.' });
  } else if (!email && !text(body.phone)) {
    problems.push({ field: 'phone', message: 'Enter a phone number or an email address so we can reach the patient.' });
  }

  const payment = body.payment;
  const payerName = text(body.payerName);
  const memberId = text(body.memberId);
  if (!payment) problems.push({ field: 'payment', message: 'Choose insurance or self-pay.' });
  if (payment === 'insurance') {
    if (!payerName) problems.push({ field: 'payerName', message: 'Enter the insurance company.' });
    if (!memberId) problems.push({ field: 'memberId', message: 'Enter the member ID from the insurance card.' });
    else if (!MEMBER_ID.test(memberId)) {
      problems.push({
        field: 'memberId',
        message: 'Enter the member ID as printed: letters, digits, spaces or dashes.',
      });
    }
  }

  if (problems.length > 0 || 'problems' in read || !payment || !country) return { problems: dedupe(problems) };
  const c = read.changes;
  return {
    input: {
      patient: {
        given_name: c.given_name ?? '',
        family_name: c.family_name ?? '',
        birth_date: c.birth_date ?? '',
        sex: c.sex ?? null,
        email,
        phone: c.phone ?? null,
        preferred_language: c.preferred_language ?? 'en',
        address_line1: c.address_line1 ?? null,
        address_line2: c.address_line2 ?? null,
        address_city: c.address_city ?? null,
        address_region: c.address_region ?? null,
        address_postal_code: c.address_postal_code ?? null,
        address_country: country,
      },
      payment,
      payerName: payment === 'insurance' ? payerName : null,
      planName: payment === 'insurance' ? text(body.planName) : null,
      memberId: payment === 'insurance' ? memberId : null,
    },
  };
}

function dedupe(problems: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}

/** Names compared for duplicates: case, accents, spaces, hyphens and apostrophes ignored. */
export function normalName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Phone digits for comparison; the last 10 so "+1 617…" and "617…" match. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-10) : null;
}
