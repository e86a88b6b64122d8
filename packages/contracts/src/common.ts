import { Type, type Static } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const Email = Type.String({ format: 'email', maxLength: 254, minLength: 3 });
/** ISO calendar date, e.g. 1958-04-12. */
export const IsoDate = Type.String({ format: 'date' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const PersonName = Type.String({ minLength: 1, maxLength: 100 });

export const Roles = ['patient', 'proxy', 'clinician', 'staff', 'admin'] as const;
export const Role = Type.Union([
  Type.Literal('patient'),
  Type.Literal('proxy'),
  Type.Literal('clinician'),
  Type.Literal('staff'),
  Type.Literal('admin'),
]);
export type Role = (typeof Roles)[number];

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const Message = Type.Object({ message: Type.String() });
export type Message = Static<typeof Message>;
