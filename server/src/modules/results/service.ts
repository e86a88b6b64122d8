import type {
  ImportedResults,
  NewResultBody,
  ResultList,
  ResultReleaseSettings,
  ResultReport,
  Trend,
  VitalSigns,
} from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound, validation } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import type { AuditEntry, AuditService } from '../audit/index.js';
import { toReport, toSummary, toTrend } from './dto.js';
import { toVitals } from './vitals.js';
import { readEntry } from './entry.js';
import { parseBundle } from './fhir.js';
import type { NewReportData } from './model.js';
import type { PatientFacts, ResultScope, ResultsRepository } from './repository.js';
import { releaseSettings } from './rules.js';
import { insertReports } from './store.js';

const isPatientSide = (caller: AuthenticatedCaller): boolean => caller.role === 'patient' || caller.role === 'proxy';

/**
 * Test results. Patients (and proxies whose access includes results) see their released
 * results only: a held one is a 404, like a missing one. Clinicians and staff see every result
 * of their organization's patients; admins see all. Every read and write is audited.
 */
export class ResultsService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private scope(caller: AuthenticatedCaller, now: Date): ResultScope {
    if (isPatientSide(caller)) return { kind: 'patient', patientId: patientForArea(caller, 'results'), now };
    if (caller.role === 'admin') return { kind: 'all' };
    if (!caller.organizationId) throw forbidden();
    return { kind: 'organization', organizationId: caller.organizationId };
  }

  /** The patient a care-team request is about, inside the caller's organization, else a 404. */
  private async careTeamPatient(caller: AuthenticatedCaller, patientId: string, action: string): Promise<PatientFacts> {
    if (isPatientSide(caller)) throw forbidden();
    const patient = await this.repo.patient(patientId, this.scope(caller, this.clock()));
    if (!patient) {
      await this.audit.record(caller, { action, entityType: 'Patient', entityId: patientId, outcome: 'denied' });
      throw notFound('This patient record');
    }
    return patient;
  }

  /** The open record's results (patients and proxies). */
  async list(caller: AuthenticatedCaller): Promise<ResultList> {
    const now = this.clock();
    const scope = this.scope(caller, now);
    if (scope.kind !== 'patient') throw forbidden();
    return this.listFor(caller, scope.patientId, scope, now);
  }

  /** One patient's results for the care team, held ones included. */
  async listForPatient(caller: AuthenticatedCaller, patientId: string): Promise<ResultList> {
    const now = this.clock();
    await this.careTeamPatient(caller, patientId, 'result.list');
    return this.listFor(caller, patientId, this.scope(caller, now), now);
  }

  private async listFor(caller: AuthenticatedCaller, patientId: string, scope: ResultScope, now: Date) {
    const rows = await this.repo.forPatient(patientId, scope);
    await this.audit.record(caller, {
      action: 'result.list',
      entityType: 'DiagnosticReport',
      patientId,
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    return { results: rows.map((r) => toSummary(r, now)) };
  }

  async read(caller: AuthenticatedCaller, id: string): Promise<ResultReport> {
    const now = this.clock();
    const row = await this.repo.report(id, this.scope(caller, now));
    if (!row) {
      await this.audit.record(caller, {
        action: 'result.read',
        entityType: 'DiagnosticReport',
        entityId: id,
        outcome: 'denied',
      });
      throw notFound('This result');
    }
    await this.audit.record(caller, {
      action: 'result.read',
      entityType: 'DiagnosticReport',
      entityId: id,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
    return toReport(row, await this.repo.observations(id), now);
  }

  /** One analyte over time for the open record, or (care team) for a given patient. */
  async trend(caller: AuthenticatedCaller, code: string, patientId?: string): Promise<Trend> {
    const now = this.clock();
    const scope = this.scope(caller, now);
    let target: string;
    if (scope.kind === 'patient') target = scope.patientId;
    else if (patientId) target = (await this.careTeamPatient(caller, patientId, 'result.trend')).id;
    else throw forbidden();
    const trend = toTrend(code, await this.repo.trend(target, code, scope));
    await this.audit.record(caller, {
      action: 'result.trend',
      entityType: 'Observation',
      patientId: target,
      outcome: trend ? 'allowed' : 'denied',
      detail: { code, points: trend?.points.length ?? 0 },
    });
    if (!trend) throw notFound('This test');
    return trend;
  }

  /** The open record's vital signs, one series per kind (patients and proxies with results access). */
  async vitals(caller: AuthenticatedCaller): Promise<VitalSigns> {
    const scope = this.scope(caller, this.clock());
    if (scope.kind !== 'patient') throw forbidden();
    const rows = await this.repo.vitalSigns(scope.patientId);
    await this.audit.record(caller, {
      action: 'vitals.list',
      entityType: 'Observation',
      patientId: scope.patientId,
      outcome: 'allowed',
      detail: { readings: rows.length },
    });
    return { vitals: toVitals(rows) };
  }

  /** A result typed in by a clinician or staff member; released by the organization's rule. */
  async enter(caller: AuthenticatedCaller, patientId: string, body: NewResultBody): Promise<ResultReport> {
    const patient = await this.careTeamPatient(caller, patientId, 'result.create');
    const now = this.clock();
    const read = readEntry(body, now);
    if ('problems' in read) throw validation(read.problems);
    const clinician = await this.repo.clinicianForUser(caller.userId);
    const [id] = await this.store(patient, [read.report], 'entered', caller, clinician?.id ?? null, (ids) => ({
      action: 'result.create',
      entityType: 'DiagnosticReport',
      entityId: ids[0] ?? null,
      patientId,
      outcome: 'allowed',
      detail: { observations: read.report.observations.length },
    }));
    return this.read(caller, id ?? '');
  }

  /** A FHIR R4 bundle: stored whole, or refused whole with every problem and its path. */
  async importBundle(caller: AuthenticatedCaller, patientId: string, bundle: unknown): Promise<ImportedResults> {
    const patient = await this.careTeamPatient(caller, patientId, 'result.import');
    const now = this.clock();
    const parsed = parseBundle(bundle, { id: patientId, mrn: patient.mrn }, now);
    const problems = parsed.ok ? [] : parsed.problems;
    if (parsed.ok) {
      const ids = parsed.reports.flatMap((r) => (r.externalId ? [r.externalId] : []));
      const existing = await this.repo.existingExternalIds(patientId, ids);
      parsed.reports.forEach((r, i) => {
        const at = r.externalId ? existing.get(r.externalId) : undefined;
        if (at) {
          problems.push({
            field: `${parsed.paths[i] ?? 'entry'}.identifier`,
            message: `"${r.name}" was already imported on ${at.toISOString().slice(0, 10)}.`,
          });
        }
      });
    }
    if (!parsed.ok || problems.length > 0) {
      await this.audit.record(caller, {
        action: 'result.import',
        entityType: 'Bundle',
        patientId,
        outcome: 'failed',
        detail: { problems: problems.length },
      });
      throw new AppError(
        'fhir_bundle_invalid',
        422,
        `The bundle was not imported: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix. Nothing was saved.`,
        problems,
      );
    }
    let ids: string[];
    try {
      ids = await this.store(patient, parsed.reports, 'fhir', caller, null, (stored) => ({
        action: 'result.import',
        entityType: 'Bundle',
        patientId,
        outcome: 'allowed',
        detail: {
          reports: stored.length,
          observations: parsed.reports.reduce((n, r) => n + r.observations.length, 0),
          ignored: parsed.ignored.length,
        },
      }));
    } catch (err) {
      if (isUniqueViolation(err))
        throw new AppError('conflict', 409, 'These results were just imported by someone else.');
      throw err;
    }
    const rows = await this.repo.forPatient(patientId, { kind: 'all' });
    return { results: rows.filter((r) => ids.includes(r.id)).map((r) => toSummary(r, now)), ignored: parsed.ignored };
  }

  /** Stores the reports and their audit row (made from the new ids) in one transaction (decision 0027). */
  private store(
    patient: PatientFacts,
    reports: NewReportData[],
    source: 'entered' | 'fhir',
    caller: AuthenticatedCaller,
    orderingClinicianId: string | null,
    entry: (ids: string[]) => AuditEntry,
  ): Promise<string[]> {
    const rules = releaseSettings(patient.settings);
    return this.repo.transaction(async (repo, trx) => {
      const ids = await insertReports(repo, reports, {
        organizationId: patient.organization_id,
        patientId: patient.id,
        rules,
        source,
        createdBy: caller.userId,
        orderingClinicianId,
      });
      await this.audit.record(caller, entry(ids), trx);
      return ids;
    });
  }

  /** A clinician lets the patient see a held result now. */
  async release(caller: AuthenticatedCaller, id: string): Promise<ResultReport> {
    const row = await this.careTeamReport(caller, id, 'result.release');
    await this.repo.transaction(async (repo, trx) => {
      await repo.release(row.id, caller.userId, this.clock());
      await this.audit.record(
        caller,
        {
          action: 'result.release',
          entityType: 'DiagnosticReport',
          entityId: row.id,
          patientId: row.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    return this.read(caller, row.id);
  }

  /** The clinician's note to the patient; an empty one removes it. */
  async comment(caller: AuthenticatedCaller, id: string, text: string): Promise<ResultReport> {
    const row = await this.careTeamReport(caller, id, 'result.comment');
    await this.repo.transaction(async (repo, trx) => {
      await repo.setComment(row.id, text.trim() || null, caller.userId, this.clock());
      await this.audit.record(
        caller,
        {
          action: 'result.comment',
          entityType: 'DiagnosticReport',
          entityId: row.id,
          patientId: row.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    return this.read(caller, row.id);
  }

  private async careTeamReport(caller: AuthenticatedCaller, id: string, action: string) {
    if (isPatientSide(caller)) throw forbidden();
    const row = await this.repo.report(id, this.scope(caller, this.clock()));
    if (!row) {
      await this.audit.record(caller, { action, entityType: 'DiagnosticReport', entityId: id, outcome: 'denied' });
      throw notFound('This result');
    }
    return row;
  }

  /** An organization's hold days per kind of result (admins). */
  async settings(caller: AuthenticatedCaller, organizationId: string): Promise<ResultReleaseSettings> {
    const raw = caller.role === 'admin' ? await this.repo.organizationSettings(organizationId) : undefined;
    if (!raw) throw notFound('This organization');
    return releaseSettings(raw);
  }

  async updateSettings(
    caller: AuthenticatedCaller,
    organizationId: string,
    body: ResultReleaseSettings,
  ): Promise<ResultReleaseSettings> {
    await this.settings(caller, organizationId);
    await this.repo.transaction(async (repo, trx) => {
      await repo.mergeOrganizationSettings(organizationId, { resultRelease: body });
      await this.audit.record(
        caller,
        {
          action: 'organization.result_release.update',
          entityType: 'Organization',
          entityId: organizationId,
          outcome: 'allowed',
          detail: { ...body },
        },
        trx,
      );
    });
    return this.settings(caller, organizationId);
  }
}
