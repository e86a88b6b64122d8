import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, InterpretationCode, ResultCategory, ResultStatus } from '../../db/schema.js';
import type { NewReportData } from './model.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Whose results a query may return; patients see only what is released by `now`. */
export type ResultScope =
  | { kind: 'patient'; patientId: string; now: Date }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'all' };

export interface ReportRow {
  id: string;
  patient_id: string;
  patient_name: string;
  code: string;
  name: string;
  category: ResultCategory;
  status: ResultStatus;
  effective_at: Date;
  issued_at: Date;
  ordered_by: string | null;
  conclusion: string | null;
  patient_comment: string | null;
  comment_author: string | null;
  comment_at: Date | null;
  released_at: Date;
  observation_count: number;
  abnormal_count: number;
}

export interface ObservationRow {
  id: string;
  report_id: string;
  code: string;
  name: string;
  value_numeric: number | null;
  value_text: string | null;
  data_absent_reason: string | null;
  unit: string | null;
  ref_low: number | null;
  ref_high: number | null;
  ref_text: string | null;
  interpretation: InterpretationCode | null;
  effective_at: Date;
}

export interface PatientFacts {
  id: string;
  organization_id: string;
  mrn: string;
  settings: Record<string, unknown>;
}

/** Diagnostic reports and their observations. SQL only. */
export class ResultsRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: ResultsRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new ResultsRepository(trx), trx));
  }

  private reports(scope: ResultScope) {
    let q = this.db
      .selectFrom('diagnostic_reports as r')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .leftJoin('clinicians as c', 'c.id', 'r.ordering_clinician_id')
      .leftJoin('users as cu', 'cu.id', 'r.comment_by')
      .select([
        'r.id',
        'r.patient_id',
        sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('patient_name'),
        'r.code',
        'r.name',
        'r.category',
        'r.status',
        'r.effective_at',
        'r.issued_at',
        sql<string | null>`CASE WHEN c.id IS NULL THEN NULL ELSE concat_ws(' ', c.given_name, c.family_name) END`.as(
          'ordered_by',
        ),
        'r.conclusion',
        'r.patient_comment',
        sql<string | null>`CASE WHEN cu.id IS NULL THEN NULL ELSE concat_ws(' ', cu.given_name, cu.family_name) END`.as(
          'comment_author',
        ),
        'r.comment_at',
        'r.released_at',
        sql<number>`(SELECT count(*)::int FROM observations o WHERE o.report_id = r.id)`.as('observation_count'),
        sql<number>`(SELECT count(*)::int FROM observations o WHERE o.report_id = r.id AND o.interpretation <> 'N')`.as(
          'abnormal_count',
        ),
      ]);
    if (scope.kind === 'patient') {
      q = q.where('r.patient_id', '=', scope.patientId).where('r.released_at', '<=', scope.now);
    }
    if (scope.kind === 'organization') q = q.where('p.organization_id', '=', scope.organizationId);
    return q;
  }

  report(id: string, scope: ResultScope): Promise<ReportRow | undefined> {
    return this.reports(scope).where('r.id', '=', id).executeTakeFirst();
  }

  /** A patient's reports, newest first (what the scope allows). */
  forPatient(patientId: string, scope: ResultScope, limit = 500): Promise<ReportRow[]> {
    return this.reports(scope)
      .where('r.patient_id', '=', patientId)
      .orderBy('r.effective_at', 'desc')
      .orderBy('r.issued_at', 'desc')
      .orderBy('r.name')
      .limit(limit)
      .execute();
  }

  observations(reportId: string): Promise<ObservationRow[]> {
    return this.db
      .selectFrom('observations')
      .select([
        'id',
        'report_id',
        'code',
        'name',
        'value_numeric',
        'value_text',
        'data_absent_reason',
        'unit',
        'ref_low',
        'ref_high',
        'ref_text',
        'interpretation',
        'effective_at',
      ])
      .where('report_id', '=', reportId)
      .orderBy('position')
      .execute();
  }

  /** Every value of one analyte for a patient, oldest first, within the scope. */
  trend(patientId: string, code: string, scope: ResultScope): Promise<(ObservationRow & { released_at: Date })[]> {
    let q = this.db
      .selectFrom('observations as o')
      .innerJoin('diagnostic_reports as r', 'r.id', 'o.report_id')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .select([
        'o.id',
        'o.report_id',
        'o.code',
        'o.name',
        'o.value_numeric',
        'o.value_text',
        'o.data_absent_reason',
        'o.unit',
        'o.ref_low',
        'o.ref_high',
        'o.ref_text',
        'o.interpretation',
        'o.effective_at',
        'r.released_at',
      ])
      .where('o.patient_id', '=', patientId)
      .where('o.code', '=', code);
    if (scope.kind === 'patient') q = q.where('r.released_at', '<=', scope.now);
    if (scope.kind === 'organization') q = q.where('p.organization_id', '=', scope.organizationId);
    return q.orderBy('o.effective_at').orderBy('o.id').limit(2000).execute();
  }

  /** A patient's vital signs, oldest first (the portal's trend; at most the latest 2,000). */
  vitalSigns(patientId: string) {
    return this.db
      .selectFrom('vital_signs')
      .select(['kind', 'value', 'value2', 'effective_at'])
      .where('patient_id', '=', patientId)
      .orderBy('effective_at', 'desc')
      .orderBy('id')
      .limit(2000)
      .execute()
      .then((rows) => rows.reverse());
  }

  patient(patientId: string, scope: ResultScope): Promise<PatientFacts | undefined> {
    let q = this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select(['p.id', 'p.organization_id', 'p.mrn', 'o.settings'])
      .where('p.id', '=', patientId);
    if (scope.kind === 'patient') q = q.where('p.id', '=', scope.patientId);
    if (scope.kind === 'organization') q = q.where('p.organization_id', '=', scope.organizationId);
    return q.executeTakeFirst();
  }

  async existingExternalIds(patientId: string, ids: string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('diagnostic_reports')
      .select(['external_id', 'created_at'])
      .where('patient_id', '=', patientId)
      .where('external_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.external_id ?? '', r.created_at]));
  }

  /** Inserts one report and its observations; call inside a transaction. */
  async insert(
    report: NewReportData,
    meta: {
      organizationId: string;
      patientId: string;
      releasedAt: Date;
      source: 'entered' | 'fhir' | 'demo';
      createdBy: string | null;
      orderingClinicianId: string | null;
    },
  ): Promise<string> {
    const row = await this.db
      .insertInto('diagnostic_reports')
      .values({
        organization_id: meta.organizationId,
        patient_id: meta.patientId,
        code: report.code,
        name: report.name,
        category: report.category,
        status: report.status,
        effective_at: report.effectiveAt,
        issued_at: report.issuedAt,
        ordering_clinician_id: meta.orderingClinicianId,
        conclusion: report.conclusion,
        patient_comment: report.comment,
        comment_by: report.comment ? meta.createdBy : null,
        comment_at: report.comment ? report.issuedAt : null,
        released_at: meta.releasedAt,
        source: meta.source,
        external_id: report.externalId,
        created_by: meta.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (report.observations.length > 0) {
      await this.db
        .insertInto('observations')
        .values(
          report.observations.map((o, position) => ({
            report_id: row.id,
            patient_id: meta.patientId,
            position,
            code: o.code,
            name: o.name,
            value_numeric: o.value,
            value_text: o.valueText,
            data_absent_reason: o.dataAbsentReason,
            unit: o.unit,
            ref_low: o.low,
            ref_high: o.high,
            ref_text: o.rangeText,
            interpretation: o.flag,
            effective_at: o.effectiveAt,
          })),
        )
        .execute();
    }
    return row.id;
  }

  /** Makes a held report visible now; a report already visible keeps its release time. */
  async release(id: string, userId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('diagnostic_reports')
      .set({ released_at: now, released_by: userId })
      .where('id', '=', id)
      .where('released_at', '>', now)
      .execute();
  }

  async setComment(id: string, text: string | null, userId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('diagnostic_reports')
      .set({ patient_comment: text, comment_by: text ? userId : null, comment_at: text ? now : null })
      .where('id', '=', id)
      .execute();
  }

  clinicianForUser(userId: string): Promise<{ id: string } | undefined> {
    return this.db.selectFrom('clinicians').select('id').where('user_id', '=', userId).executeTakeFirst();
  }

  async organizationSettings(id: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.selectFrom('organizations').select('settings').where('id', '=', id).executeTakeFirst())
      ?.settings;
  }

  /** Merges keys into an organization's settings document; other features' keys stay. */
  async mergeOrganizationSettings(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('organizations')
      .set({ settings: sql`settings || ${JSON.stringify(patch)}::jsonb` })
      .where('id', '=', id)
      .execute();
  }
}
