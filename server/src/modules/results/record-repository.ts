import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, ResultCategory, VitalKind } from '../../db/schema.js';

/** A date test of a FHIR search ("ge2026-01" is start..end of January with prefix ge). */
export interface TimeTest {
  prefix: string;
  start: Date;
  end: Date;
}

/** A lab code test: one exact code, or every LOINC-shaped (or every local) code. */
export type CodeTest = { code: string } | { shape: 'loinc' | 'local' };

/**
 * Conditions of a search of one patient's record: each list is AND-ed, the alternatives inside one
 * entry are OR-ed (FHIR: repeated parameters AND, comma-separated values OR). An empty
 * `labCategories`/`vitalKinds` leaves that source out.
 */
export interface RecordQuery {
  patientId: string;
  now: Date;
  labCategories: readonly ResultCategory[];
  vitalKinds: readonly VitalKind[];
  labCodes: readonly (readonly CodeTest[])[];
  ids: readonly (readonly string[])[];
  statuses: readonly (readonly string[])[];
  effective: readonly (readonly TimeTest[])[];
  updated: readonly (readonly TimeTest[])[];
  limit: number;
  offset: number;
  /** Count every match (FHIR `_total=accurate`); otherwise only when the page shows it. */
  total: boolean;
}

export interface RecordPage<T> {
  rows: T[];
  /** Rows after this page exist. */
  more: boolean;
  /** Every match, when counted or when this page reaches the end; null otherwise. */
  total: number | null;
}

/** A query builder that takes one more WHERE condition. */
interface Filterable<T> {
  where(condition: Expression<SqlBool>): T;
}

const LOINC_SHAPE = '^[0-9]{1,7}-[0-9]$';

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

/** AND over the entries, OR over each entry's alternatives. */
function andOr<T>(groups: readonly (readonly T[])[], one: (t: T) => RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  if (groups.length === 0) return TRUE;
  return sql<SqlBool>`(${sql.join(
    groups.map((g) => (g.length ? sql`(${sql.join(g.map(one), sql` OR `)})` : FALSE)),
    sql` AND `,
  )})`;
}

function timeTest(column: string, t: TimeTest): RawBuilder<SqlBool> {
  const c = sql.ref(column);
  switch (t.prefix) {
    case 'ne':
      return sql<SqlBool>`(${c} < ${t.start} OR ${c} >= ${t.end})`;
    case 'gt':
    case 'sa':
      return sql<SqlBool>`${c} >= ${t.end}`;
    case 'ge':
      return sql<SqlBool>`${c} >= ${t.start}`;
    case 'lt':
    case 'eb':
      return sql<SqlBool>`${c} < ${t.start}`;
    case 'le':
      return sql<SqlBool>`${c} < ${t.end}`;
    default:
      return sql<SqlBool>`(${c} >= ${t.start} AND ${c} < ${t.end})`;
  }
}

function codeTest(column: string, t: CodeTest): RawBuilder<SqlBool> {
  const c = sql.ref(column);
  if ('code' in t) return sql<SqlBool>`${c} = ${t.code}`;
  return t.shape === 'loinc' ? sql<SqlBool>`${c} ~ ${LOINC_SHAPE}` : sql<SqlBool>`${c} !~ ${LOINC_SHAPE}`;
}

const equals = (column: string) => (v: string) => sql<SqlBool>`${sql.ref(column)} = ${v}`;

/** One patient, or a page of them (a bulk export reads each type for a whole page in one query). */
type Patients = string | readonly string[];

function patientIs(column: string, p: Patients): RawBuilder<SqlBool> {
  return typeof p === 'string'
    ? sql<SqlBool>`${sql.ref(column)} = ${p}`
    : sql<SqlBool>`${sql.ref(column)} = ANY(${[...p]}::uuid[])`;
}

/** A page from rows fetched with one extra (limit + 1) to learn whether more follow. */
function page<T>(rows: T[], q: RecordQuery, counted: number | null): RecordPage<T> {
  const more = rows.length > q.limit;
  const shown = more ? rows.slice(0, q.limit) : rows;
  const reachedEnd = !more && (shown.length > 0 || q.offset === 0);
  return { rows: shown, more, total: counted ?? (reachedEnd ? q.offset + shown.length : null) };
}

/**
 * FHIR-shaped reads of a patient's results and vital signs, with the search done by the database
 * (filters, order, limit/offset, counts). SQL only; every query is bound to one patient, and lab
 * results only once released (`released_at <= now`).
 */
export class RecordRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private labBase(q: { patientId: Patients; now: Date }) {
    return this.db
      .selectFrom('observations as o')
      .innerJoin('diagnostic_reports as r', 'r.id', 'o.report_id')
      .where(patientIs('o.patient_id', q.patientId))
      .where('r.released_at', '<=', q.now);
  }

  private labFiltered<T extends Filterable<T>>(b: T, q: RecordQuery): T {
    return b
      .where(sql<SqlBool>`r.category = ANY(${[...q.labCategories]})`)
      .where(andOr(q.labCodes, (t) => codeTest('o.code', t)))
      .where(andOr(q.ids, equals('o.id')))
      .where(andOr(q.statuses, equals('r.status')))
      .where(andOr(q.effective, (t) => timeTest('o.effective_at', t)))
      .where(andOr(q.updated, (t) => timeTest('r.issued_at', t)));
  }

  private vitalFiltered<T extends Filterable<T>>(b: T, q: RecordQuery): T {
    return b
      .where(sql<SqlBool>`v.kind = ANY(${[...q.vitalKinds]})`)
      .where(andOr(q.ids, equals('v.id')))
      .where(andOr(q.statuses, equals('v.status')))
      .where(andOr(q.effective, (t) => timeTest('v.effective_at', t)))
      .where(andOr(q.updated, (t) => timeTest('v.created_at', t)));
  }

  private vitalBase(patientId: Patients) {
    return this.db.selectFrom('vital_signs as v').where(patientIs('v.patient_id', patientId));
  }

  private labRows(q: { patientId: Patients; now: Date }) {
    return this.labBase(q)
      .selectAll('o')
      .select(['r.category', 'r.status', 'r.issued_at', 'r.organization_id'])
      .orderBy('o.effective_at', 'desc')
      .orderBy('o.report_id')
      .orderBy('o.position');
  }

  private vitalRows(patientId: Patients) {
    return this.vitalBase(patientId)
      .select([
        'v.id',
        'v.organization_id',
        'v.encounter_id',
        'v.kind',
        'v.value',
        'v.value2',
        'v.status',
        'v.effective_at',
        'v.created_at',
      ])
      .orderBy('v.effective_at', 'desc')
      .orderBy('v.id');
  }

  /** A page of Observations: lab results and vital signs, newest first, filtered and paged in SQL. */
  async observationPage(q: RecordQuery): Promise<RecordPage<RecordObservation>> {
    const lab = q.labCategories.length > 0;
    const vital = q.vitalKinds.length > 0;
    if (!lab && !vital) return { rows: [], more: false, total: 0 };
    const take = q.limit + 1;
    if (lab && !vital) {
      const [rows, counted] = await Promise.all([
        q.limit === 0 ? [] : this.labFiltered(this.labRows(q), q).limit(take).offset(q.offset).execute(),
        q.total
          ? this.count(this.labFiltered(this.labBase(q), q).select((eb) => eb.fn.countAll<string>().as('n')))
          : null,
      ]);
      return page(
        rows.map((row) => ({ kind: 'lab' as const, row })),
        q,
        counted,
      );
    }
    if (vital && !lab) {
      const [rows, counted] = await Promise.all([
        q.limit === 0 ? [] : this.vitalFiltered(this.vitalRows(q.patientId), q).limit(take).offset(q.offset).execute(),
        q.total
          ? this.count(
              this.vitalFiltered(this.vitalBase(q.patientId), q).select((eb) => eb.fn.countAll<string>().as('n')),
            )
          : null,
      ]);
      return page(
        rows.map((row) => ({ kind: 'vital' as const, row })),
        q,
        counted,
      );
    }
    // Both sources: page their keys in one ordered UNION ALL, then fetch those rows by id.
    const keys = this.labFiltered(this.labBase(q), q)
      .select([sql<string>`'lab'`.as('src'), 'o.id', 'o.effective_at', 'o.report_id as k1', 'o.position as k2'])
      .unionAll(
        this.vitalFiltered(this.vitalBase(q.patientId), q).select([
          sql<string>`'vital'`.as('src'),
          'v.id',
          'v.effective_at',
          'v.id as k1',
          sql<number>`0`.as('k2'),
        ]),
      );
    const [found, counted] = await Promise.all([
      q.limit === 0
        ? []
        : this.db
            .selectFrom(keys.as('u'))
            .select(['u.src', 'u.id'])
            .orderBy('u.effective_at', 'desc')
            .orderBy('u.k1')
            .orderBy('u.k2')
            .limit(take)
            .offset(q.offset)
            .execute(),
      q.total ? this.count(this.db.selectFrom(keys.as('u')).select((eb) => eb.fn.countAll<string>().as('n'))) : null,
    ]);
    const labIds = found.filter((f) => f.src === 'lab').map((f) => f.id);
    const vitalIds = found.filter((f) => f.src === 'vital').map((f) => f.id);
    const [labs, vitals] = await Promise.all([
      labIds.length ? this.labRows(q).where('o.id', 'in', labIds).execute() : [],
      vitalIds.length ? this.vitalRows(q.patientId).where('v.id', 'in', vitalIds).execute() : [],
    ]);
    const byId = new Map<string, RecordObservation>([
      ...labs.map((row) => [row.id, { kind: 'lab' as const, row }] as const),
      ...vitals.map((row) => [row.id, { kind: 'vital' as const, row }] as const),
    ]);
    const rows = found.map((f) => byId.get(f.id)).filter((r): r is RecordObservation => r !== undefined);
    return page(rows, q, counted);
  }

  private async count(query: { executeTakeFirst(): Promise<{ n: string | number } | undefined> }) {
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Every released lab observation of the patient, newest first. */
  labObservations(patientId: string, now: Date): Promise<LabObservationRow[]> {
    return this.labRows({ patientId, now }).execute();
  }

  /** Released lab observations of some of the patient's reports (an `_include` in one query). */
  labObservationsOfReports(patientId: string, now: Date, reportIds: readonly string[]): Promise<LabObservationRow[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return this.labRows({ patientId, now })
      .where('o.report_id', 'in', [...reportIds])
      .execute();
  }

  /** The patient's vital signs, newest first. */
  vitals(patientId: string): Promise<VitalRow[]> {
    return this.vitalRows(patientId).execute();
  }

  private reportRows(q: { patientId: Patients; now: Date }) {
    return this.db
      .selectFrom('diagnostic_reports as r')
      .leftJoin('clinicians as c', 'c.id', 'r.ordering_clinician_id')
      .select([
        'r.id',
        'r.organization_id',
        'r.code',
        'r.name',
        'r.category',
        'r.status',
        'r.effective_at',
        'r.issued_at',
        'r.conclusion',
        'r.ordering_clinician_id',
        'r.source',
        'r.created_at',
        'c.given_name as clinician_given',
        'c.family_name as clinician_family',
      ])
      .where(patientIs('r.patient_id', q.patientId))
      .where('r.released_at', '<=', q.now)
      .orderBy('r.effective_at', 'desc')
      .orderBy('r.id');
  }

  /** Every released report of the patient, newest first. */
  reports(patientId: string, now: Date): Promise<ReportRecordRow[]> {
    return this.reportRows({ patientId, now }).execute();
  }

  /**
   * A page of patients' released reports, lab observations and vital signs (a bulk export): one
   * query each for the whole page, every patient's rows in the same order as the one-patient reads.
   */
  reportsOf(patientIds: readonly string[], now: Date): Promise<(ReportRecordRow & { patient_id: string })[]> {
    if (patientIds.length === 0) return Promise.resolve([]);
    return this.reportRows({ patientId: patientIds, now }).select('r.patient_id').execute();
  }

  labObservationsOf(patientIds: readonly string[], now: Date): Promise<LabObservationRow[]> {
    if (patientIds.length === 0) return Promise.resolve([]);
    return this.labRows({ patientId: patientIds, now }).execute();
  }

  vitalsOf(patientIds: readonly string[]): Promise<(VitalRow & { patient_id: string })[]> {
    if (patientIds.length === 0) return Promise.resolve([]);
    return this.vitalRows(patientIds).select('v.patient_id').execute();
  }

  /** A page of released reports, filtered and paged in SQL (`labCodes` tests the report's code). */
  async reportPage(q: RecordQuery): Promise<RecordPage<ReportRecordRow>> {
    if (q.labCategories.length === 0) return { rows: [], more: false, total: 0 };
    const where = <T extends Filterable<T>>(b: T): T =>
      b
        .where(andOr(q.labCodes, (t) => codeTest('r.code', t)))
        .where(andOr(q.ids, equals('r.id')))
        .where(andOr(q.statuses, equals('r.status')))
        .where(andOr(q.effective, (t) => timeTest('r.effective_at', t)))
        .where(andOr(q.updated, (t) => timeTest('r.issued_at', t)));
    const [rows, counted] = await Promise.all([
      q.limit === 0
        ? []
        : where(this.reportRows(q).where('r.category', 'in', [...q.labCategories]))
            .limit(q.limit + 1)
            .offset(q.offset)
            .execute(),
      q.total
        ? this.count(
            where(
              this.db
                .selectFrom('diagnostic_reports as r')
                .where('r.patient_id', '=', q.patientId)
                .where('r.released_at', '<=', q.now)
                .where('r.category', 'in', [...q.labCategories]),
            ).select((eb) => eb.fn.countAll<string>().as('n')),
          )
        : null,
    ]);
    return page(rows, q, counted);
  }

  /** The ids of each report's observations (DiagnosticReport.result), in one query. */
  async resultIds(patientId: string, reportIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (reportIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('observations')
      .select(['id', 'report_id'])
      .where('patient_id', '=', patientId)
      .where('report_id', 'in', [...reportIds])
      .orderBy('effective_at', 'desc')
      .orderBy('report_id')
      .orderBy('position')
      .execute();
    for (const r of rows) out.set(r.report_id, [...(out.get(r.report_id) ?? []), r.id]);
    return out;
  }
}

export type LabObservationRow = Awaited<ReturnType<ReturnType<RecordRepository['labRows']>['execute']>>[number];
export type VitalRow = Awaited<ReturnType<ReturnType<RecordRepository['vitalRows']>['execute']>>[number];
export type ReportRecordRow = Awaited<ReturnType<ReturnType<RecordRepository['reportRows']>['execute']>>[number];
export type RecordObservation = { kind: 'lab'; row: LabObservationRow } | { kind: 'vital'; row: VitalRow };
