import { formatMrn, type AuditEvent } from '@portico/contracts';
import { csvLine } from './csv.js';

/** Column names are fixed English identifiers, so scripts and spreadsheets can rely on them. */
const HEADER = [
  'time_utc',
  'action',
  'outcome',
  'actor_name',
  'actor_email',
  'actor_role',
  'actor_user_id',
  'patient_name',
  'patient_mrn',
  'patient_id',
  'acting_for_patient',
  'acting_for_patient_id',
  'item_type',
  'item_id',
  'ip',
  'request_id',
];

/** The report as CSV text chunks: a byte-order mark (Excel then reads UTF-8 names right), the header, one line per event. */
export async function* auditCsv(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(HEADER)}`;
  for await (const e of events) {
    yield csvLine([
      e.at,
      e.action,
      e.outcome,
      e.actorName,
      e.actorEmail,
      e.actorRole,
      e.actorUserId,
      e.patientName,
      e.patientMrn === null ? null : formatMrn(e.patientMrn),
      e.patientId,
      e.actingForPatientName,
      e.actingForPatientId,
      e.entityType,
      e.entityId,
      e.ip,
      e.requestId,
    ]);
  }
}
