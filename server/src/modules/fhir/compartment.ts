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
import type { FhirRepository, ObservationRow, PatientRow, ReportRow } from './repository.js';
import type { Resource } from './resource.js';

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

/**
 * One patient's record as FHIR resources, loaded type by type on first use and kept for the
 * request (a DiagnosticReport needs its Observations' ids, an _include needs the target type).
 */
export class Compartment {
  private readonly cache = new Map<string, Promise<Resource[]>>();
  private reportRows: Promise<ReportRow[]> | null = null;
  private observationRows: Promise<ObservationRow[]> | null = null;

  constructor(
    private readonly repo: FhirRepository,
    readonly patient: PatientRow,
    private readonly baseUrl: string,
    private readonly now: Date,
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
    return (await this.all(type)).find((r) => r.id === id) ?? null;
  }

  private reports(): Promise<ReportRow[]> {
    this.reportRows ??= this.repo.reports(this.patientId, this.now);
    return this.reportRows;
  }

  private observations(): Promise<ObservationRow[]> {
    this.observationRows ??= this.repo.observations(this.patientId, this.now);
    return this.observationRows;
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
        return (await this.observations()).map((o) => observation(o, pid));
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
