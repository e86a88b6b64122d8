import { Type, type Static } from 'typebox';
import { Email, IsoDateTime, PersonName, Role, Uuid } from './common.js';

export const UserSummary = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: Role,
  displayName: Type.String(),
  organizationId: Type.Union([Uuid, Type.Null()]),
  emailVerified: Type.Boolean(),
  locked: Type.Boolean(),
  createdAt: IsoDateTime,
});
export type UserSummary = Static<typeof UserSummary>;

export const UserList = Type.Object({ users: Type.Array(UserSummary) });
export type UserList = Static<typeof UserList>;

export const UserSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(Role),
  },
  { additionalProperties: false },
);
export type UserSearchQuery = Static<typeof UserSearchQuery>;

export const StaffRoles = ['clinician', 'staff', 'admin'] as const;
export const CreateUserBody = Type.Object(
  {
    email: Email,
    role: Type.Union([Type.Literal('clinician'), Type.Literal('staff'), Type.Literal('admin')]),
    givenName: PersonName,
    familyName: PersonName,
    organizationId: Uuid,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const OutboxSummary = Type.Object({
  id: Uuid,
  to: Type.String(),
  subject: Type.String(),
  createdAt: IsoDateTime,
  status: Type.Union([Type.Literal('kept'), Type.Literal('sent'), Type.Literal('failed')]),
});
export const OutboxMessage = Type.Intersect([OutboxSummary, Type.Object({ text: Type.String() })]);
export type OutboxSummary = Static<typeof OutboxSummary>;
export type OutboxMessage = Static<typeof OutboxMessage>;
export const OutboxList = Type.Object({ messages: Type.Array(OutboxSummary) });
export type OutboxList = Static<typeof OutboxList>;

export const AuditEvent = Type.Object({
  id: Type.String(),
  at: IsoDateTime,
  actorUserId: Type.Union([Uuid, Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  actingForPatientId: Type.Union([Uuid, Type.Null()]),
  patientId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('allowed'), Type.Literal('denied'), Type.Literal('failed')]),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  /** Who and whose record in words, so nobody has to look ids up. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  patientName: Type.Union([Type.String(), Type.Null()]),
  patientMrn: Type.Union([Type.String(), Type.Null()]),
  actingForPatientName: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditQuery = Type.Object(
  {
    patientId: Type.Optional(Uuid),
    /** A patient's MRN (any spacing, with or without dashes) or words of their name. */
    patient: Type.Optional(Type.String({ maxLength: 100 })),
    userId: Type.Optional(Uuid),
    /** Whoever acted: words of their name, or their email address (or its start), or their account id. */
    user: Type.Optional(Type.String({ maxLength: 254 })),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    before: Type.Optional(
      Type.String({ pattern: '^[0-9]+$', description: 'cursor: return events with id below this' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** Privacy-officer report (CSV): one patient's record (by id, name or MRN) or one user's accesses (by id, name or email), in a date range. */
export const AuditReportQuery = Type.Object(
  {
    patientId: Type.Optional(Uuid),
    patient: Type.Optional(Type.String({ maxLength: 100 })),
    userId: Type.Optional(Uuid),
    /** Whoever acted: words of their name, or their email address (or its start), or their account id. */
    user: Type.Optional(Type.String({ maxLength: 254 })),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export type AuditReportQuery = Static<typeof AuditReportQuery>;
export const AuditList = Type.Object({
  events: Type.Array(AuditEvent),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AuditList = Static<typeof AuditList>;
