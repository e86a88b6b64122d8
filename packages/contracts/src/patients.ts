import { Type, type Static } from 'typebox';
import { Email, IsoDate, IsoDateTime, PersonName, Uuid } from './common.js';

export const Patient = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: IsoDate,
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  preferredLanguage: Type.String(),
  hasAccount: Type.Boolean(),
  /** Medical record number, 9 digits (shown as 1234-5678-9). */
  mrn: Type.String(),
});
export type Patient = Static<typeof Patient>;

export const PatientList = Type.Object({ patients: Type.Array(Patient) });
export type PatientList = Static<typeof PatientList>;

export const PatientSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type PatientSearchQuery = Static<typeof PatientSearchQuery>;

export const CreatePatientBody = Type.Object(
  {
    givenName: PersonName,
    familyName: PersonName,
    birthDate: IsoDate,
    email: Type.Optional(Email),
    phone: Type.Optional(Type.String({ minLength: 7, maxLength: 30, pattern: '^[0-9+()\\-. ]+$' })),
    preferredLanguage: Type.Optional(Type.String({ minLength: 2, maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type CreatePatientBody = Static<typeof CreatePatientBody>;

export const ActivationCode = Type.Object({
  code: Type.String({ description: 'Shown once; give it to the patient. Stored only as a hash.' }),
  expiresAt: IsoDateTime,
});
export type ActivationCode = Static<typeof ActivationCode>;
