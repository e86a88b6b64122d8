import type { RecordPage, RecordQuery, RecordRepository, RecordObservation } from './record-repository.js';
import type { LabObservationRow, ReportRecordRow, VitalRow } from './record-repository.js';

/**
 * One patient's results and vital signs for the FHIR API, with searches done by the database.
 * The caller (the FHIR module) has already decided whose record it may read: every method is
 * bound to that one patient, and lab results are only those released by `now`.
 */
export class ResultRecord {
  constructor(private readonly repo: RecordRepository) {}

  /** Lab observations and vital signs matching the query, newest first, one page. */
  observationPage(q: RecordQuery): Promise<RecordPage<RecordObservation>> {
    return this.repo.observationPage(q);
  }

  /** Released reports matching the query, newest first, one page. */
  reportPage(q: RecordQuery): Promise<RecordPage<ReportRecordRow>> {
    return this.repo.reportPage(q);
  }

  labObservations(patientId: string, now: Date): Promise<LabObservationRow[]> {
    return this.repo.labObservations(patientId, now);
  }

  labObservationsOfReports(patientId: string, now: Date, reportIds: readonly string[]): Promise<LabObservationRow[]> {
    return this.repo.labObservationsOfReports(patientId, now, reportIds);
  }

  vitals(patientId: string): Promise<VitalRow[]> {
    return this.repo.vitals(patientId);
  }

  reports(patientId: string, now: Date): Promise<ReportRecordRow[]> {
    return this.repo.reports(patientId, now);
  }

  /** A page of patients' released reports (a bulk export): one query; each row names its patient. */
  reportsOf(patientIds: readonly string[], now: Date): Promise<(ReportRecordRow & { patient_id: string })[]> {
    return this.repo.reportsOf(patientIds, now);
  }

  /** A page of patients' released lab observations (a bulk export): one query. */
  labObservationsOf(patientIds: readonly string[], now: Date): Promise<LabObservationRow[]> {
    return this.repo.labObservationsOf(patientIds, now);
  }

  /** A page of patients' vital signs (a bulk export): one query; each row names its patient. */
  vitalsOf(patientIds: readonly string[]): Promise<(VitalRow & { patient_id: string })[]> {
    return this.repo.vitalsOf(patientIds);
  }

  /** Each report's observation ids (DiagnosticReport.result), in one query. */
  resultIds(patientId: string, reportIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.repo.resultIds(patientId, reportIds);
  }
}
