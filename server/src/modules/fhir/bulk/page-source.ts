import type { RecordQuery, ResultRecord } from '../../results/index.js';
import type { CompartmentRecord, CompartmentRepository } from '../compartment.js';
import type { FhirRepository } from '../repository.js';

/**
 * One page of patients' records for a bulk export, read one query per type for the whole page
 * (on first use: only the types the export asks for are read) and split per patient. It answers
 * the same per-patient reads as the FHIR repository and the results record, so each patient's
 * `Compartment` maps it exactly as the API would; directory reads and searches go to the real ones.
 */
export class PatientPageSource implements CompartmentRepository, CompartmentRecord {
  private readonly loaded = new Map<string, Promise<Map<string, unknown[]>>>();
  private readonly ids: readonly string[];

  constructor(
    private readonly deps: { fhirRepo: FhirRepository; resultRecord: ResultRecord },
    patientIds: readonly string[],
    /** The export's transaction time: results released after it are left out, as in the compartment. */
    private readonly now: Date,
  ) {
    this.ids = [...patientIds];
  }

  /** A patient's rows of one kind, from the page's single query (run once, by the first caller). */
  private async rowsOf<T extends { patient_id: string }>(
    kind: string,
    patientId: string,
    load: (ids: readonly string[]) => Promise<T[]>,
  ): Promise<T[]> {
    let hit = this.loaded.get(kind);
    if (!hit) {
      hit = load(this.ids).then((rows) => {
        // Split in the query's order: each patient keeps the order of the one-patient read.
        const byPatient = new Map<string, unknown[]>();
        for (const row of rows) {
          const list = byPatient.get(row.patient_id);
          if (list) list.push(row);
          else byPatient.set(row.patient_id, [row]);
        }
        return byPatient;
      });
      this.loaded.set(kind, hit);
    }
    return ((await hit).get(patientId) ?? []) as T[];
  }

  medications(patientId: string) {
    return this.rowsOf('medications', patientId, (ids) => this.deps.fhirRepo.medicationsOf(ids));
  }

  appointments(patientId: string) {
    return this.rowsOf('appointments', patientId, (ids) => this.deps.fhirRepo.appointmentsOf(ids));
  }

  encounters(patientId: string) {
    return this.rowsOf('encounters', patientId, (ids) => this.deps.fhirRepo.encountersOf(ids));
  }

  coverages(patientId: string) {
    return this.rowsOf('coverages', patientId, (ids) => this.deps.fhirRepo.coveragesOf(ids));
  }

  opinions(patientId: string) {
    return this.rowsOf('opinions', patientId, (ids) => this.deps.fhirRepo.opinionsOf(ids));
  }

  opinionDocuments(patientId: string) {
    return this.rowsOf('opinionDocuments', patientId, (ids) => this.deps.fhirRepo.opinionDocumentsOf(ids));
  }

  statements(patientId: string) {
    return this.rowsOf('statements', patientId, (ids) => this.deps.fhirRepo.statementsOf(ids));
  }

  messages(patientId: string) {
    return this.rowsOf('messages', patientId, (ids) => this.deps.fhirRepo.messagesOf(ids));
  }

  reports(patientId: string) {
    return this.rowsOf('reports', patientId, (ids) => this.deps.resultRecord.reportsOf(ids, this.now));
  }

  labObservations(patientId: string) {
    return this.rowsOf('labObservations', patientId, (ids) => this.deps.resultRecord.labObservationsOf(ids, this.now));
  }

  vitals(patientId: string) {
    return this.rowsOf('vitals', patientId, (ids) => this.deps.resultRecord.vitalsOf(ids));
  }

  // The directory is written once per organization, and an export never searches: these pass through.
  clinicians(organizationId: string) {
    return this.deps.fhirRepo.clinicians(organizationId);
  }

  organization(id: string) {
    return this.deps.fhirRepo.organization(id);
  }

  observationPage(q: RecordQuery) {
    return this.deps.resultRecord.observationPage(q);
  }

  reportPage(q: RecordQuery) {
    return this.deps.resultRecord.reportPage(q);
  }

  resultIds(patientId: string, reportIds: readonly string[]) {
    return this.deps.resultRecord.resultIds(patientId, reportIds);
  }
}
