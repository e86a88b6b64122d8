import type { RegistrationBody } from '@portico/contracts';

/** Every field of the registration form, in page order (the error summary follows it). */
export const REGISTRATION_FIELDS = [
  'organizationId',
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'email',
  'phone',
  'preferredLanguage',
  'addressCountry',
  'addressLine1',
  'addressLine2',
  'addressCity',
  'addressRegion',
  'addressPostalCode',
  'payment',
  'payerName',
  'planName',
  'memberId',
] as const;
export type Field = (typeof REGISTRATION_FIELDS)[number];
export const INITIAL = Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, ''])) as Record<Field, string>;

/** Empty text is left out, so the server reports every missing field at once. */
export function toBody(values: Record<Field, string>, staff: boolean): RegistrationBody {
  const body: Record<string, string> = {};
  for (const f of REGISTRATION_FIELDS) {
    const v = values[f].trim();
    if (v !== '' && !(staff && f === 'organizationId')) body[f] = v;
  }
  if (body['payment'] !== 'insurance') {
    delete body['payerName'];
    delete body['planName'];
    delete body['memberId'];
  }
  return body as RegistrationBody;
}
