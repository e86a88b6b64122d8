import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type {
  AppointmentRow,
  CoverageRow,
  EncounterRow,
  FieldOpener,
  MedicationRow,
  MessageRow,
  OpinionDocumentRow,
  OpinionRow,
  StatementRow,
} from '../repository.js';

/** A row that names the patient it belongs to (to split a page's rows per patient). */
export type OfPatient<T> = T & { patient_id: string };

const anyOf = (column: string, ids: readonly string[]) => sql<SqlBool>`${sql.ref(column)} = ANY(${[...ids]}::uuid[])`;

/**
 * The FHIR repository's per-patient reads for a whole page of patients at once (a bulk export):
 * one query per type with `patient_id = ANY($page)`, the same columns and the same order as
 * FhirRepository's one-patient reads (their row types check the columns), each row with its
 * patient. SQL only; the exporter decides which patients a page holds.
 */
export class BulkPageRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly fields: FieldOpener,
  ) {}

  medications(ids: readonly string[]): Promise<OfPatient<MedicationRow>[]> {
    return this.db
      .selectFrom('medication_requests')
      .selectAll()
      .where(anyOf('patient_id', ids))
      .orderBy('started_on', 'desc')
      .orderBy('id')
      .execute();
  }

  appointments(ids: readonly string[]): Promise<OfPatient<AppointmentRow>[]> {
    return this.db
      .selectFrom('appointments as a')
      .innerJoin('visit_types as v', 'v.id', 'a.visit_type_id')
      .innerJoin('clinicians as c', 'c.id', 'a.clinician_id')
      .select([
        'a.id',
        'a.patient_id',
        'a.organization_id',
        'a.clinician_id',
        'a.mode',
        'a.status',
        'a.start_at',
        'a.end_at',
        'a.reason',
        'a.created_at',
        'a.cancel_reason',
        'v.name as visit_type',
        'c.given_name as clinician_given',
        'c.family_name as clinician_family',
      ])
      .where(anyOf('a.patient_id', ids))
      .orderBy('a.start_at', 'desc')
      .orderBy('a.id')
      .execute();
  }

  encounters(ids: readonly string[]): Promise<OfPatient<EncounterRow>[]> {
    return this.db
      .selectFrom('encounters as e')
      .innerJoin('appointments as a', 'a.id', 'e.appointment_id')
      .innerJoin('visit_types as v', 'v.id', 'a.visit_type_id')
      .innerJoin('clinicians as c', 'c.id', 'e.clinician_id')
      .select([
        'e.id',
        'e.patient_id',
        'e.organization_id',
        'e.appointment_id',
        'e.clinician_id',
        'e.status',
        'e.modality',
        'e.admitted_at',
        'e.ended_at',
        'e.outcome',
        'a.start_at',
        'a.end_at',
        'a.reason',
        'v.name as visit_type',
        'c.given_name as clinician_given',
        'c.family_name as clinician_family',
      ])
      .where(anyOf('e.patient_id', ids))
      .orderBy('a.start_at', 'desc')
      .orderBy('e.id')
      .execute();
  }

  /** Member id and group number opened from their sealed form (decision 0033), as for one patient. */
  async coverages(ids: readonly string[]): Promise<OfPatient<CoverageRow>[]> {
    const rows = await this.db
      .selectFrom('coverages as c')
      .innerJoin('insurance_plans as p', 'p.id', 'c.plan_id')
      .select([
        'c.id',
        'c.patient_id',
        'c.priority',
        'c.member_id',
        'c.group_number',
        'c.subscriber_name',
        'c.relationship',
        'c.status',
        'c.created_at',
        'c.cancelled_at',
        'p.payer_name',
        'p.plan_name',
        'p.payer_category',
      ])
      .where(anyOf('c.patient_id', ids))
      .orderBy('c.priority')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({
      ...r,
      member_id: this.fields.open('coverages.member_id', r.member_id),
      group_number: r.group_number === null ? null : this.fields.open('coverages.group_number', r.group_number),
    }));
  }

  opinions(ids: readonly string[]): Promise<OfPatient<OpinionRow>[]> {
    return this.db
      .selectFrom('second_opinion_requests as r')
      .selectAll('r')
      .where(anyOf('r.patient_id', ids))
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute();
  }

  opinionDocuments(ids: readonly string[]): Promise<OfPatient<OpinionDocumentRow>[]> {
    return this.db
      .selectFrom('document_references')
      .select([
        'id',
        'patient_id',
        'organization_id',
        'request_id',
        'category',
        'content_type',
        'filename',
        'size_bytes',
        'sha256',
        'uploaded_by_kind',
        'created_at',
      ])
      .where(anyOf('patient_id', ids))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  statements(ids: readonly string[]): Promise<OfPatient<StatementRow>[]> {
    return this.db
      .selectFrom('statements')
      .selectAll()
      .where(anyOf('patient_id', ids))
      .orderBy('as_of', 'desc')
      .orderBy('id')
      .execute();
  }

  messages(ids: readonly string[]): Promise<OfPatient<MessageRow>[]> {
    return this.db
      .selectFrom('messages as m')
      .innerJoin('message_threads as t', 't.id', 'm.thread_id')
      .select([
        'm.id',
        'm.thread_id',
        'm.author_side',
        'm.body',
        'm.created_at',
        'm.read_at',
        't.patient_id',
        't.organization_id',
        't.subject',
        't.topic',
        't.clinician_id',
      ])
      .where(anyOf('t.patient_id', ids))
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id')
      .execute();
  }
}
