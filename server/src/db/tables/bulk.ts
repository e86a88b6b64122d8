import type { Generated } from 'kysely';
import type { Json, NullableTimestamp } from '../columns.js';

/** Migration 0031: FHIR bulk exports and their NDJSON files. */
export interface BulkExportsTable {
  id: Generated<string>;
  app_id: string;
  organization_id: string | null;
  group_id: string | null;
  level: 'group' | 'patient';
  types: Json;
  since: NullableTimestamp;
  request_url: string;
  transaction_time: Generated<Date>;
  status: Generated<'queued' | 'running' | 'completed' | 'failed' | 'cancelled'>;
  cursor: string | null;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  directory_done: Generated<boolean>;
  patients_total: Generated<number>;
  patients_done: Generated<number>;
  error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  completed_at: NullableTimestamp;
  expires_at: NullableTimestamp;
}

export interface BulkExportFilesTable {
  export_id: string;
  resource_type: string;
  file_id: Generated<string>;
  wrapped_key: string;
  line_count: Generated<number>;
  /** bigint columns come back as strings from pg; read them with Number(). */
  plain_bytes: Generated<string | number>;
  stored_bytes: Generated<string | number>;
  records: Generated<number>;
}

export interface BulkTables {
  bulk_exports: BulkExportsTable;
  bulk_export_files: BulkExportFilesTable;
}
