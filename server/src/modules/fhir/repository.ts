import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';

/** `column = ANY($ids)`: one query for a whole page of patients. */
const anyOf = (column: string, ids: readonly string[]) => sql<SqlBool>`${sql.ref(column)} = ANY(${[...ids]}::uuid[])`;

/** The patient columns every FHIR Patient is built from (read, search and bulk export). */
export const PATIENT_COLUMNS = [
  'p.id',
  'p.organization_id',
  'p.given_name',
  'p.family_name',
  'p.preferred_name',
  'p.birth_date',
  'p.email',
  'p.phone',
  'p.mobile_phone',
  'p.sex',
  'p.preferred_language',
  'p.address_line1',
  'p.address_line2',
  'p.address_city',
  'p.address_region',
  'p.address_postal_code',
  'p.address_country',
  'p.mrn',
  'p.updated_at',
  'o.slug as org_slug',
  'o.name as org_name',
] as const;

/** Results and vital signs are the results module's: read through its public ResultRecord. */
export type { LabObservationRow as ObservationRow, ReportRecordRow as ReportRow } from '../results/index.js';

/**
 * What the FHIR API reads, one patient's compartment at a time. SQL only: every query is bound to
 * a patient (or to that patient's organization for the directory resources), so a resource of
 * another patient cannot come back from here at all.
 */
/** Opens sealed identifier columns (field-level encryption, modules/files). */
export interface FieldOpener {
  open(column: string, stored: string): string;
}

export class FhirRepository {
  constructor(
    readonly db: Kysely<Database>,
    private readonly fields: FieldOpener,
  ) {}

  /** The patient and their organization; null when there is no such patient. */
  patient(patientId: string) {
    return this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select(PATIENT_COLUMNS)
      .where('p.id', '=', patientId)
      .executeTakeFirst();
  }

  /** The account's role, for the audit line of a token-based request. */
  async userRole(userId: string) {
    const row = await this.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
    return row?.role ?? null;
  }

  organization(id: string) {
    return this.db
      .selectFrom('organizations')
      .select(['id', 'slug', 'name', 'tech_help_phone', 'tech_help_email', 'billing_phone', 'time_zone'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The organization's clinicians (directory data: shown to anyone signed in). */
  clinicians(organizationId: string) {
    return this.db
      .selectFrom('clinicians as c')
      .innerJoin('service_lines as s', 's.code', 'c.service_line_code')
      .select([
        'c.id',
        'c.organization_id',
        'c.given_name',
        'c.family_name',
        'c.credentials',
        'c.specialty',
        'c.languages',
        's.name as service_line',
      ])
      .where('c.organization_id', '=', organizationId)
      .orderBy('c.family_name')
      .orderBy('c.id')
      .execute();
  }

  medications(patientId: string) {
    return this.medicationsOf([patientId]);
  }

  appointments(patientId: string) {
    return this.appointmentsOf([patientId]);
  }

  encounters(patientId: string) {
    return this.encountersOf([patientId]);
  }

  coverages(patientId: string) {
    return this.coveragesOf([patientId]);
  }

  opinions(patientId: string) {
    return this.opinionsOf([patientId]);
  }

  opinionDocuments(patientId: string) {
    return this.opinionDocumentsOf([patientId]);
  }

  statements(patientId: string) {
    return this.statementsOf([patientId]);
  }

  messages(patientId: string) {
    return this.messagesOf([patientId]);
  }

  // One query per type for any number of patients (a bulk export reads a page at a time); each row
  // names its patient, and rows come in the order the one-patient reads above return them.

  medicationsOf(ids: readonly string[]) {
    return this.db
      .selectFrom('medication_requests')
      .selectAll()
      .where(anyOf('patient_id', ids))
      .orderBy('started_on', 'desc')
      .orderBy('id')
      .execute();
  }

  appointmentsOf(ids: readonly string[]) {
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

  encountersOf(ids: readonly string[]) {
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
  async coveragesOf(ids: readonly string[]) {
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

  opinionsOf(ids: readonly string[]) {
    return this.db
      .selectFrom('second_opinion_requests as r')
      .selectAll('r')
      .where(anyOf('r.patient_id', ids))
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute();
  }

  opinionDocumentsOf(ids: readonly string[]) {
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

  statementsOf(ids: readonly string[]) {
    return this.db
      .selectFrom('statements')
      .selectAll()
      .where(anyOf('patient_id', ids))
      .orderBy('as_of', 'desc')
      .orderBy('id')
      .execute();
  }

  messagesOf(ids: readonly string[]) {
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

export type PatientRow = NonNullable<Awaited<ReturnType<FhirRepository['patient']>>>;
export type OrganizationRow = NonNullable<Awaited<ReturnType<FhirRepository['organization']>>>;
export type ClinicianRow = Awaited<ReturnType<FhirRepository['clinicians']>>[number];
export type MedicationRow = Awaited<ReturnType<FhirRepository['medications']>>[number];
export type AppointmentRow = Awaited<ReturnType<FhirRepository['appointments']>>[number];
export type EncounterRow = Awaited<ReturnType<FhirRepository['encounters']>>[number];
export type CoverageRow = Awaited<ReturnType<FhirRepository['coverages']>>[number];
export type OpinionRow = Awaited<ReturnType<FhirRepository['opinions']>>[number];
export type OpinionDocumentRow = Awaited<ReturnType<FhirRepository['opinionDocuments']>>[number];
export type StatementRow = Awaited<ReturnType<FhirRepository['statements']>>[number];
export type MessageRow = Awaited<ReturnType<FhirRepository['messages']>>[number];
