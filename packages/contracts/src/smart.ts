import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';
import { PortalArea } from './proxies.js';

/** A resource type an app may read, or '*' for every type. */
export const SmartReadable = Type.String({ maxLength: 40 });

/** An authorization a patient is asked to approve: the app, what it asks for, whose record. */
export const SmartInteraction = Type.Object({
  uid: Type.String(),
  app: Type.Object({ name: Type.String(), clientId: Type.String() }),
  /** What the app will read, per resource type ('*' = everything in the record). */
  reads: Type.Array(SmartReadable),
  /** It keeps access until revoked (offline_access), rather than only while the person uses it. */
  offline: Type.Boolean(),
  /** It asked to know who is signed in (openid fhirUser). */
  identity: Type.Boolean(),
  /** Whether it needs a record chosen (patient-level scopes or launch/patient). */
  needsRecord: Type.Boolean(),
  records: Type.Array(
    Type.Object({
      patientId: Uuid,
      name: Type.String(),
      self: Type.Boolean(),
      areas: Type.Array(PortalArea),
      /** For limited proxy access: the types it will really read from this record; null = all asked for. */
      reads: Type.Union([Type.Array(SmartReadable), Type.Null()]),
    }),
  ),
});
export type SmartInteraction = Static<typeof SmartInteraction>;

export const SmartApproveBody = Type.Object({ patientId: Type.Optional(Uuid) }, { additionalProperties: false });
export type SmartApproveBody = Static<typeof SmartApproveBody>;

export const SmartRedirect = Type.Object({ redirectTo: Type.String() });
export type SmartRedirect = Static<typeof SmartRedirect>;

export const ConnectedApp = Type.Object({
  grantId: Type.String(),
  appName: Type.String(),
  /** Whose record: null for the person's own. */
  patientName: Type.Union([Type.String(), Type.Null()]),
  self: Type.Boolean(),
  reads: Type.Array(SmartReadable),
  offline: Type.Boolean(),
  connectedAt: IsoDateTime,
  lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type ConnectedApp = Static<typeof ConnectedApp>;
export const ConnectedAppList = Type.Object({ apps: Type.Array(ConnectedApp) });
export type ConnectedAppList = Static<typeof ConnectedAppList>;

export const SmartAppKind = Type.Union([Type.Literal('public'), Type.Literal('confidential'), Type.Literal('backend')]);
export type SmartAppKind = Static<typeof SmartAppKind>;
export const SmartAuthMethod = Type.Union([
  Type.Literal('none'),
  Type.Literal('private_key_jwt'),
  Type.Literal('client_secret_basic'),
]);
export type SmartAuthMethod = Static<typeof SmartAuthMethod>;

export const SmartAppBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    kind: SmartAppKind,
    /** Confidential apps: a key (JWKS URL) or a client secret Portico makes. */
    authMethod: Type.Optional(SmartAuthMethod),
    redirectUris: Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 10, uniqueItems: true }),
    jwksUri: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Backend services: the one organization whose patients it may export (unset: every organization). */
    organizationId: Type.Optional(Uuid),
    scopes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 200,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);
export type SmartAppBody = Static<typeof SmartAppBody>;

export const SmartApp = Type.Object({
  id: Uuid,
  clientId: Type.String(),
  name: Type.String(),
  kind: SmartAppKind,
  authMethod: SmartAuthMethod,
  redirectUris: Type.Array(Type.String()),
  jwksUri: Type.Union([Type.String(), Type.Null()]),
  /** A backend service bound to one organization; null: every organization (or not a backend service). */
  organizationId: Type.Union([Uuid, Type.Null()]),
  scopes: Type.Array(Type.String()),
  createdAt: IsoDateTime,
  disabledAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type SmartApp = Static<typeof SmartApp>;
export const SmartAppList = Type.Object({ apps: Type.Array(SmartApp) });
export type SmartAppList = Static<typeof SmartAppList>;
/** A new app; the client secret is shown once and never again. */
export const SmartAppCreated = Type.Object({ app: SmartApp, clientSecret: Type.Union([Type.String(), Type.Null()]) });
export type SmartAppCreated = Static<typeof SmartAppCreated>;
