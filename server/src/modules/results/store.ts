import type { ResultReleaseSettings } from '@portico/contracts';
import type { NewReportData } from './model.js';
import { ResultsRepository, type Db } from './repository.js';
import { releaseAt } from './rules.js';

/** Whose reports these are, where they came from, and the organization's release rules. */
export interface ReportOwner {
  organizationId: string;
  patientId: string;
  rules: ResultReleaseSettings;
  source: 'entered' | 'fhir' | 'demo';
  createdBy: string | null;
  orderingClinicianId: string | null;
}

/** Stores reports, each released to the patient when the organization's rule for its category says. */
export async function insertReports(repo: ResultsRepository, reports: NewReportData[], owner: ReportOwner) {
  const ids: string[] = [];
  for (const report of reports) {
    ids.push(
      await repo.insert(report, {
        organizationId: owner.organizationId,
        patientId: owner.patientId,
        releasedAt: releaseAt(report.issuedAt, report.category, owner.rules),
        source: owner.source,
        createdBy: owner.createdBy,
        orderingClinicianId: owner.orderingClinicianId,
      }),
    );
  }
  return ids;
}

/** The same, for callers outside the module that hold only a database handle (the demo seed). */
export function storeReports(db: Db, reports: NewReportData[], owner: ReportOwner): Promise<string[]> {
  return insertReports(new ResultsRepository(db), reports, owner);
}
