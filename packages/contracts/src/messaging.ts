import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

export const MessageTopic = Type.Union([
  Type.Literal('question'),
  Type.Literal('appointment'),
  Type.Literal('billing'),
  Type.Literal('technical'),
  Type.Literal('medication'),
]);
export type MessageTopic = Static<typeof MessageTopic>;

/** The most characters (UTF-16 code units, as a browser counts them) in one message. */
export const MESSAGE_BODY_MAX = 10000;

/** The JSON part of a new conversation (sent as the `message` field of a multipart form). */
export const NewThreadBody = Type.Object(
  {
    topic: MessageTopic,
    subject: Type.String({ minLength: 1, maxLength: 150 }),
    body: Type.String({ minLength: 1, maxLength: MESSAGE_BODY_MAX }),
    clinicianId: Type.Optional(Uuid),
    poolId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NewThreadBody = Static<typeof NewThreadBody>;

export const ReplyBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: MESSAGE_BODY_MAX }) },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

export const Attachment = Type.Object({
  id: Uuid,
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  url: Type.String(),
});
export type Attachment = Static<typeof Attachment>;

export const ThreadMessage = Type.Object({
  id: Uuid,
  side: Type.Union([Type.Literal('patient'), Type.Literal('care_team')]),
  authorName: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
  /** Read receipt: when the other side opened it. */
  readAt: Type.Union([IsoDateTime, Type.Null()]),
  attachments: Type.Array(Attachment),
});
export type ThreadMessage = Static<typeof ThreadMessage>;

export const ThreadSummary = Type.Object({
  id: Uuid,
  patientId: Uuid,
  patientName: Type.String(),
  topic: MessageTopic,
  subject: Type.String(),
  recipient: Type.String(),
  clinicianId: Type.Union([Uuid, Type.Null()]),
  poolId: Type.Union([Uuid, Type.Null()]),
  assignedTo: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]),
  lastMessageAt: IsoDateTime,
  unread: Type.Integer(),
});
export type ThreadSummary = Static<typeof ThreadSummary>;

export const ThreadList = Type.Object({ threads: Type.Array(ThreadSummary) });
export type ThreadList = Static<typeof ThreadList>;

export const Thread = Type.Intersect([ThreadSummary, Type.Object({ messages: Type.Array(ThreadMessage) })]);
export type Thread = Static<typeof Thread>;

export const InboxQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])),
    mine: Type.Optional(Type.Boolean()),
    poolId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const AssignBody = Type.Object({ userId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false });
export type AssignBody = Static<typeof AssignBody>;
export const ThreadStatusBody = Type.Object(
  { status: Type.Union([Type.Literal('open'), Type.Literal('done')]) },
  { additionalProperties: false },
);
export type ThreadStatusBody = Static<typeof ThreadStatusBody>;

/** Who a patient can write to, and what to expect. */
export const MessageOptions = Type.Object({
  clinicians: Type.Array(Type.Object({ id: Uuid, name: Type.String(), specialty: Type.String() })),
  pools: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  /** e.g. 2: "within 2 business days". */
  responseBusinessDays: Type.Integer(),
  urgentPhone: Type.String(),
  maxAttachmentBytes: Type.Integer(),
  maxAttachments: Type.Integer(),
});
export type MessageOptions = Static<typeof MessageOptions>;
