import { Type, type Static, type TSchema } from 'typebox';
import { IsoDate, IsoDateTime, Uuid } from './common.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Where a second-opinion request stands, from the patient's submission to the written opinion. */
export const OpinionStatus = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('records_pending'),
  Type.Literal('under_review'),
  Type.Literal('scheduled'),
  Type.Literal('opinion_delivered'),
  Type.Literal('closed'),
]);
export type OpinionStatus = Static<typeof OpinionStatus>;
export const VisitPreference = Type.Union([
  Type.Literal('video'),
  Type.Literal('in_person'),
  Type.Literal('records_only'),
]);
export type VisitPreference = Static<typeof VisitPreference>;
export const DocumentCategory = Type.Union([
  Type.Literal('records'),
  Type.Literal('imaging'),
  Type.Literal('labs'),
  Type.Literal('precert'),
  Type.Literal('other'),
]);
export type DocumentCategory = Static<typeof DocumentCategory>;

const Short = (max: number) => Type.String({ maxLength: max });

export const NewOpinionBody = Type.Object(
  {
    serviceLineCode: Type.String({ minLength: 1, maxLength: 60 }),
    condition: Type.String({ minLength: 1, maxLength: 300 }),
    question: Type.String({ minLength: 1, maxLength: 4000 }),
    physicianName: Type.Optional(Short(200)),
    physicianInstitution: Type.Optional(Short(200)),
    physicianPhone: Type.Optional(Short(40)),
    physicianEmail: Type.Optional(Short(254)),
    insurance: Type.Optional(Short(200)),
    precertNeeded: Type.Boolean(),
    precertObtained: Type.Boolean(),
    precertReference: Type.Optional(Short(100)),
    visitPreference: VisitPreference,
    hasImaging: Type.Boolean(),
    hasLabs: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type NewOpinionBody = Static<typeof NewOpinionBody>;

export const DicomInfo = Type.Object({
  studyDate: Nullable(IsoDate),
  modality: Nullable(Type.String()),
  studyDescription: Nullable(Type.String()),
});
export type DicomInfo = Static<typeof DicomInfo>;

export const OpinionDocument = Type.Object({
  id: Uuid,
  category: DocumentCategory,
  contentType: Type.String(),
  filename: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: IsoDateTime,
  uploadedBy: Type.Union([Type.Literal('patient'), Type.Literal('care_team'), Type.Literal('physician_link')]),
  needId: Nullable(Uuid),
  dicom: Nullable(DicomInfo),
});
export type OpinionDocument = Static<typeof OpinionDocument>;

/** One thing needed before review; `need` items are what the care team asked for. */
export const ChecklistItem = Type.Object({
  key: Type.String(),
  kind: Type.Union([
    Type.Literal('records'),
    Type.Literal('imaging'),
    Type.Literal('labs'),
    Type.Literal('precert'),
    Type.Literal('need'),
  ]),
  label: Nullable(Type.String()),
  needId: Nullable(Uuid),
  state: Type.Union([Type.Literal('missing'), Type.Literal('received'), Type.Literal('not_needed')]),
});
export type ChecklistItem = Static<typeof ChecklistItem>;

export const OpinionEvent = Type.Object({
  at: IsoDateTime,
  actorKind: Type.Union([
    Type.Literal('patient'),
    Type.Literal('care_team'),
    Type.Literal('physician_link'),
    Type.Literal('system'),
  ]),
  actorName: Nullable(Type.String()),
  kind: Type.String(),
  status: Nullable(OpinionStatus),
  note: Nullable(Type.String()),
});
export type OpinionEvent = Static<typeof OpinionEvent>;

export const PhysicianLink = Type.Object({
  id: Uuid,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  revoked: Type.Boolean(),
});
export type PhysicianLink = Static<typeof PhysicianLink>;

export const OpinionRequest = Type.Object({
  id: Uuid,
  status: OpinionStatus,
  patientId: Uuid,
  patientName: Type.String(),
  serviceLineCode: Type.String(),
  departmentName: Type.String(),
  condition: Type.String(),
  question: Type.String(),
  physicianName: Type.String(),
  physicianInstitution: Type.String(),
  physicianPhone: Type.String(),
  physicianEmail: Type.String(),
  insurance: Type.String(),
  precertNeeded: Type.Boolean(),
  precertObtained: Type.Boolean(),
  precertReference: Type.String(),
  visitPreference: VisitPreference,
  hasImaging: Type.Boolean(),
  hasLabs: Type.Boolean(),
  specialist: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  appointmentId: Nullable(Uuid),
  opinion: Nullable(Type.Object({ text: Type.String(), deliveredAt: IsoDateTime, by: Type.String() })),
  checklist: Type.Array(ChecklistItem),
  documents: Type.Array(OpinionDocument),
  events: Type.Array(OpinionEvent),
  links: Type.Array(PhysicianLink),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type OpinionRequest = Static<typeof OpinionRequest>;

export const OpinionSummary = Type.Object({
  id: Uuid,
  status: OpinionStatus,
  patientName: Type.String(),
  serviceLineCode: Type.String(),
  departmentName: Type.String(),
  condition: Type.String(),
  specialistName: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type OpinionSummary = Static<typeof OpinionSummary>;

export const OpinionList = Type.Object({ requests: Type.Array(OpinionSummary) });
export type OpinionList = Static<typeof OpinionList>;

export const OpinionQueueQuery = Type.Object(
  { department: Type.Optional(Type.String({ maxLength: 60 })), status: Type.Optional(OpinionStatus) },
  { additionalProperties: false },
);
export type OpinionQueueQuery = Static<typeof OpinionQueueQuery>;

export const OpinionOptions = Type.Object({
  departments: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  maxFileBytes: Type.Integer(),
  maxDicomBytes: Type.Integer(),
});
export type OpinionOptions = Static<typeof OpinionOptions>;

export const OpinionSpecialists = Type.Object({
  specialists: Type.Array(Type.Object({ id: Uuid, name: Type.String(), specialty: Type.String() })),
});
export type OpinionSpecialists = Static<typeof OpinionSpecialists>;

export const AssignSpecialistBody = Type.Object({ clinicianId: Uuid }, { additionalProperties: false });
export type AssignSpecialistBody = Static<typeof AssignSpecialistBody>;

export const RequestInfoBody = Type.Object(
  {
    items: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 10 }),
    message: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RequestInfoBody = Static<typeof RequestInfoBody>;

export const ScheduleOpinionBody = Type.Object({ appointmentId: Uuid }, { additionalProperties: false });
export type ScheduleOpinionBody = Static<typeof ScheduleOpinionBody>;

export const DeliverOpinionBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20000 }) },
  { additionalProperties: false },
);
export type DeliverOpinionBody = Static<typeof DeliverOpinionBody>;

export const OpinionStatusBody = Type.Object(
  {
    status: Type.Union([Type.Literal('under_review'), Type.Literal('closed')]),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type OpinionStatusBody = Static<typeof OpinionStatusBody>;

export const NewPhysicianLinkBody = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })) },
  { additionalProperties: false },
);
export type NewPhysicianLinkBody = Static<typeof NewPhysicianLinkBody>;

/** The link itself is shown once: only its hash is kept. */
export const CreatedPhysicianLink = Type.Object({
  id: Uuid,
  url: Type.String(),
  expiresAt: IsoDateTime,
});
export type CreatedPhysicianLink = Static<typeof CreatedPhysicianLink>;

/** What a referring physician holding a link sees: which case, and what they sent. No patient details. */
export const PhysicianLinkView = Type.Object({
  organizationName: Type.String(),
  departmentName: Type.String(),
  expiresAt: IsoDateTime,
  maxFileBytes: Type.Integer(),
  maxDicomBytes: Type.Integer(),
  documents: Type.Array(Type.Object({ filename: Type.String(), category: DocumentCategory, createdAt: IsoDateTime })),
});
export type PhysicianLinkView = Static<typeof PhysicianLinkView>;

export const OpinionDocParams = Type.Object({ id: Uuid, docId: Uuid }, { additionalProperties: false });
export type OpinionDocParams = Static<typeof OpinionDocParams>;
export const OpinionLinkParams = Type.Object({ id: Uuid, linkId: Uuid }, { additionalProperties: false });
export type OpinionLinkParams = Static<typeof OpinionLinkParams>;
