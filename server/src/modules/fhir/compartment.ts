import {
  appointment,
  communication,
  coverage,
  encounter,
  opinionDocument,
  reportDocument,
  serviceRequest,
  statementDocument,
} from './map-care.js';
import { diagnosticReport, medication, medicationRequest, observation, provenance } from './map-clinical.js';
import { location, organization, patient, practitioner, practitionerRole } from './map-people.js';
import type { RecordQuery, ResultRecord, VitalRow } from '../results/index.js';
import { vitalObservation } from './map-vitals.js';
import type { FhirRepository, ObservationRow, PatientRow, ReportRow } from './repository.js';
import type { Resource } from './resource.js';
import { isSqlSearchType, recordQuery, UUID, type SqlSearchType } from './sql-search.js';

/** Every resource type the API serves, in the order the CapabilityStatement lists them. */
export const RESOURCE_TYPES = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Observation',
  'DiagnosticReport',
  'MedicationRequest',
  'Medication',
  'AllergyIntolerance',
  'Condition',
  'Immunization',
  'Encounter',
  'Appointment',
  'Coverage',
  'DocumentReference',
  'ServiceRequest',
  'Communication',
  'Provenance',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const isResourceType = (t: string): t is ResourceType => (RESOURCE_TYPES as readonly string[]).includes(t);

/** The reads a compartment makes: the FHIR repository's, or a bulk export page's (loaded for many patients at once). */
export type CompartmentRepository = Pick<
  FhirRepository,
  | 'clinicians'
  | 'organization'
  | 'medications'
  | 'appointments'
  | 'encounters'
  | 'coverages'
  | 'opinions'
  | 'opinionDocuments'
  | 'statements'
  | 'messages'
>;
/** The results and vital signs a compartment reads (the results module's ResultRecord, or a bulk export page's). */
export type CompartmentRecord = Pick<
  ResultRecord,
  'observationPage' | 'reportPage' | 'resultIds' | 'reports' | 'labObservations' | 'vitals'
>;

/**
 * One patient's record as FHIR resources, loaded type by type on first use and kept for the
 * request (a DiagnosticReport needs its Observations' ids, an _include needs the target type).
 */
export class Compartment {
  private readonly cache = new Map<string, Promise<Resource[]>>();
  private reportRows: Promise<ReportRow[]> | null = null;
  private observationRows: Promise<ObservationRow[]> | null = null;
  private vitalRows: Promise<VitalRow[]> | null = null;
  private readonly pagedReports = new Map<string, ReportRow>();

  constructor(
    private readonly repo: CompartmentRepository,
    private readonly record: CompartmentRecord,
    readonly patient: PatientRow,
    private readonly baseUrl: string,
    readonly now: Date,
  ) {}

  get patientId(): string {
    return this.patient.id;
  }

  all(type: ResourceType): Promise<Resource[]> {
    let hit = this.cache.get(type);
    if (!hit) {
      hit = this.load(type);
      this.cache.set(type, hit);
    }
    return hit;
  }

  async find(type: ResourceType, id: string): Promise<Resource | null> {
    return (await this.findMany(type, [id]))[0] ?? null;
  }

  /**
   * Resources of one type by id, in one query: Observation and DiagnosticReport straight from the
   * database (a patient may have thousands), the rest from the type's cached list.
   */
  async findMany(type: ResourceType, ids: readonly string[]): Promise<Resource[]> {
    const wanted = [...new Set(ids)];
    if (isSqlSearchType(type) && !this.cache.has(type)) {
      const valid = wanted.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
      if (valid.length === 0) return [];
      const q = recordQuery(type, [], this.at, { limit: valid.length, offset: 0, total: false });
      return q ? (await this.searchPage(type, { ...q, ids: [valid] })).resources : [];
    }
    const all = await this.all(type);
    return wanted.map((id) => all.find((r) => r.id === id)).filter((r): r is Resource => r !== undefined);
  }

  private get at(): { patientId: string; now: Date } {
    return { patientId: this.patientId, now: this.now };
  }

  /** One page of a search the database answers (see sql-search.ts). */
  async searchPage(
    type: SqlSearchType,
    q: RecordQuery,
  ): Promise<{ resources: Resource[]; more: boolean; total: number | null }> {
    const pid = this.patientId;
    if (type === 'Observation') {
      const page = await this.record.observationPage(q);
      return {
        resources: page.rows.map((h) => (h.kind === 'lab' ? observation(h.row, pid) : vitalObservation(h.row, pid))),
        more: page.more,
        total: page.total,
      };
    }
    const page = await this.record.reportPage(q);
    const results = await this.record.resultIds(
      pid,
      page.rows.map((r) => r.id),
    );
    for (const r of page.rows) this.pagedReports.set(r.id, r);
    return {
      resources: page.rows.map((r) => diagnosticReport(r, pid, results.get(r.id) ?? [])),
      more: page.more,
      total: page.total,
    };
  }

  /** The Provenance of some reports: from the page just read when it holds them, else the whole list. */
  async provenanceOf(reportIds: readonly string[]): Promise<Resource[]> {
    const paged = reportIds.map((id) => this.pagedReports.get(id));
    if (paged.every((r) => r !== undefined)) return paged.map((r) => provenance(r as ReportRow));
    const wanted = new Set(reportIds);
    return (await this.reports()).filter((r) => wanted.has(r.id)).map(provenance);
  }

  private reports(): Promise<ReportRow[]> {
    this.reportRows ??= this.record.reports(this.patientId, this.now);
    return this.reportRows;
  }

  private observations(): Promise<ObservationRow[]> {
    this.observationRows ??= this.record.labObservations(this.patientId, this.now);
    return this.observationRows;
  }

  private vitals(): Promise<VitalRow[]> {
    this.vitalRows ??= this.record.vitals(this.patientId);
    return this.vitalRows;
  }

  /**
   * Lab results and vital signs in the order the database pages them (newest first; then report
   * and position for a lab value, id for a vital sign).
   */
  private async allObservations(): Promise<Resource[]> {
    const [labs, vitals] = await Promise.all([this.observations(), this.vitals()]);
    const keyed = [
      ...labs.map((o) => ({
        at: o.effective_at.getTime(),
        k1: o.report_id,
        k2: o.position,
        r: observation(o, this.patientId),
      })),
      ...vitals.map((v) => ({ at: v.effective_at.getTime(), k1: v.id, k2: 0, r: vitalObservation(v, this.patientId) })),
    ];
    keyed.sort((a, b) => b.at - a.at || (a.k1 < b.k1 ? -1 : a.k1 > b.k1 ? 1 : a.k2 - b.k2));
    return keyed.map((k) => k.r);
  }

  private async load(type: ResourceType): Promise<Resource[]> {
    const pid = this.patientId;
    const org = this.patient.organization_id;
    const updated = this.patient.updated_at;
    switch (type) {
      case 'Patient':
        return [patient(this.patient, this.baseUrl)];
      case 'Practitioner':
        return (await this.repo.clinicians(org)).map((c) => practitioner(c, this.baseUrl, updated));
      case 'PractitionerRole': {
        const o = await this.repo.organization(org);
        return o ? (await this.repo.clinicians(org)).map((c) => practitionerRole(c, o, updated)) : [];
      }
      case 'Organization': {
        const o = await this.repo.organization(org);
        return o ? [organization(o, this.baseUrl, updated)] : [];
      }
      case 'Location': {
        const o = await this.repo.organization(org);
        return o ? [location(o, updated)] : [];
      }
      case 'Observation':
        return this.allObservations();
      case 'DiagnosticReport': {
        const [reports, obs] = await Promise.all([this.reports(), this.observations()]);
        const byReport = new Map<string, string[]>();
        for (const o of obs) byReport.set(o.report_id, [...(byReport.get(o.report_id) ?? []), o.id]);
        return reports.map((r) => diagnosticReport(r, pid, byReport.get(r.id) ?? []));
      }
      case 'Provenance':
        return (await this.reports()).map(provenance);
      case 'MedicationRequest':
        return (await this.repo.medications(pid)).map((m) => medicationRequest(m, pid));
      case 'Medication':
        return (await this.repo.medications(pid)).map(medication);
      // Portico keeps no allergies, problems or immunizations yet: valid, empty searches.
      case 'AllergyIntolerance':
      case 'Condition':
      case 'Immunization':
        return [];
      case 'Encounter':
        return (await this.repo.encounters(pid)).map((e) => encounter(e, pid));
      case 'Appointment':
        return (await this.repo.appointments(pid)).map((a) => appointment(a, pid));
      case 'Coverage':
        return (await this.repo.coverages(pid)).map((c) => coverage(c, pid));
      case 'DocumentReference': {
        const [reports, docs, statements] = await Promise.all([
          this.reports(),
          this.repo.opinionDocuments(pid),
          this.repo.statements(pid),
        ]);
        return [
          ...reports.map((r) => reportDocument(r, pid)),
          ...docs.map((d) => opinionDocument(d, pid)),
          ...statements.map((s) => statementDocument(s, pid)),
        ];
      }
      case 'ServiceRequest':
        return (await this.repo.opinions(pid)).map((r) => serviceRequest(r, pid));
      case 'Communication':
        return (await this.repo.messages(pid)).map((m) => communication(m, pid));
    }
  }

  /** The text of a released report (behind `Binary/{reportId}`). */
  async reportText(id: string): Promise<string | null> {
    const report = (await this.reports()).find((r) => r.id === id);
    if (!report) return null;
    const lines = (await this.observations())
      .filter((o) => o.report_id === id)
      .map((o) => {
        const value =
          o.value_numeric !== null
            ? `${o.value_numeric} ${o.unit ?? ''}`.trim()
            : (o.value_text ?? `No value: ${o.data_absent_reason ?? 'not given'}`);
        const range =
          o.ref_text ?? (o.ref_low !== null || o.ref_high !== null ? `${o.ref_low ?? ''}-${o.ref_high ?? ''}` : '');
        return `${o.name}: ${value}${range ? ` (reference ${range})` : ''}${o.interpretation ? ` [${o.interpretation}]` : ''}`;
      });
    return [
      report.name,
      `Collected: ${report.effective_at.toISOString()}`,
      `Reported: ${report.issued_at.toISOString()}`,
      '',
      ...lines,
      ...(report.conclusion ? ['', report.conclusion] : []),
      '',
    ].join('\n');
  }

  /** What a Binary id stands for in this compartment. */
  async binaryKind(
    id: string,
  ): Promise<{ kind: 'report' } | { kind: 'opinion-file'; requestId: string } | { kind: 'statement' } | null> {
    if ((await this.reports()).some((r) => r.id === id)) return { kind: 'report' };
    const doc = (await this.repo.opinionDocuments(this.patientId)).find((d) => d.id === id);
    if (doc) return { kind: 'opinion-file', requestId: doc.request_id };
    if ((await this.repo.statements(this.patientId)).some((s) => s.id === id)) return { kind: 'statement' };
    return null;
  }
}
