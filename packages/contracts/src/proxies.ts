import { Type, type Static } from 'typebox';
import { Email, IsoDate, IsoDateTime, Uuid } from './common.js';

/** The parts of a record a proxy can be given. */
export const PortalArea = Type.Union([
  Type.Literal('appointments'),
  Type.Literal('messages'),
  Type.Literal('results'),
  Type.Literal('medications'),
  Type.Literal('billing'),
  Type.Literal('profile'),
]);
export type PortalArea = Static<typeof PortalArea>;

export const Relationship = Type.Union([
  Type.Literal('parent'),
  Type.Literal('guardian'),
  Type.Literal('spouse'),
  Type.Literal('partner'),
  Type.Literal('child'),
  Type.Literal('caregiver'),
  Type.Literal('other'),
]);
export type Relationship = Static<typeof Relationship>;

export const GrantBody = Type.Object(
  {
    email: Email,
    relationship: Relationship,
    access: Type.Union([Type.Literal('full'), Type.Literal('limited')]),
    areas: Type.Optional(Type.Array(PortalArea, { maxItems: 6, uniqueItems: true })),
    endsOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type GrantBody = Static<typeof GrantBody>;

export const ProxyGrant = Type.Object({
  id: Uuid,
  patientId: Uuid,
  patientName: Type.String(),
  proxyName: Type.String(),
  relationship: Relationship,
  access: Type.Union([Type.Literal('full'), Type.Literal('limited')]),
  /** What the grant gives today, after end dates and the minor-age rules. */
  effectiveAreas: Type.Array(PortalArea),
  endsOn: Type.Union([IsoDate, Type.Null()]),
  createdAt: IsoDateTime,
  revoked: Type.Boolean(),
  teenConsent: Type.Boolean(),
});
export type ProxyGrant = Static<typeof ProxyGrant>;

export const ProxyGrantList = Type.Object({ given: Type.Array(ProxyGrant), held: Type.Array(ProxyGrant) });
export type ProxyGrantList = Static<typeof ProxyGrantList>;

export const OpenRecord = Type.Object({
  patientId: Uuid,
  name: Type.String(),
  self: Type.Boolean(),
  areas: Type.Array(PortalArea),
});
export type OpenRecord = Static<typeof OpenRecord>;

export const RecordList = Type.Object({
  records: Type.Array(OpenRecord),
  current: Type.Union([Uuid, Type.Null()]),
});
export type RecordList = Static<typeof RecordList>;

export const OpenRecordBody = Type.Object({ patientId: Uuid }, { additionalProperties: false });
export type OpenRecordBody = Static<typeof OpenRecordBody>;
