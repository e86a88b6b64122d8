import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp } from '../columns.js';

export type PortalArea = 'appointments' | 'messages' | 'results' | 'medications' | 'billing' | 'profile';

export interface ProxyGrantsTable {
  id: Generated<string>;
  patient_id: string;
  proxy_user_id: string;
  relationship: 'parent' | 'guardian' | 'spouse' | 'partner' | 'child' | 'caregiver' | 'other';
  access: 'full' | 'limited';
  areas: ColumnType<PortalArea[], PortalArea[] | undefined, PortalArea[]>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  granted_by: string;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  teen_consent_at: NullableTimestamp;
}

export type MessageTopic = 'question' | 'appointment' | 'billing' | 'technical' | 'medication';

export interface MessagePoolsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  service_line_code: string | null;
}

export interface MessagePoolMembersTable {
  pool_id: string;
  user_id: string;
}

export interface MessageThreadsTable {
  id: Generated<string>;
  organization_id: string;
  patient_id: string;
  topic: MessageTopic;
  subject: string;
  clinician_id: string | null;
  pool_id: string | null;
  assigned_user_id: string | null;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  created_by: string;
  created_at: Generated<Date>;
  last_message_at: Generated<Date>;
  unread_for_patient: Generated<number>;
  unread_for_care_team: Generated<number>;
}

export interface MessagesTable {
  id: Generated<string>;
  thread_id: string;
  author_user_id: string;
  author_side: 'patient' | 'care_team';
  body: string;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
}

export interface MessageAttachmentsTable {
  id: Generated<string>;
  message_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** Plain bytes of a file stored before encryption at rest (0030); null once sealed in the file store. */
  data: Buffer | null;
  /** The file's own key, wrapped by the master key; null for an old plain file. */
  wrapped_key: string | null;
}

/** Tables of this domain; Database in ../schema.ts extends this. */
export interface PortalTables {
  proxy_grants: ProxyGrantsTable;
  message_pools: MessagePoolsTable;
  message_pool_members: MessagePoolMembersTable;
  message_threads: MessageThreadsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
}
