import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { FileStore } from '../../files/index.js';
import type { JobService } from '../../jobs/index.js';
import { Compartment, type ResourceType } from '../compartment.js';
import { location, organization, practitioner, practitionerRole } from '../map-people.js';
import type { FhirRepository, PatientRow } from '../repository.js';
import type { Resource } from '../resource.js';
import { DIRECTORY_TYPES } from './params.js';
import { PatientPageSource } from './page-source.js';
import type { BulkRepository, ExportFileRow, ExportRow } from './repository.js';
import { StepFiles } from './step-files.js';
import type { ResultRecord } from '../../results/index.js';

/** The job kind that runs one slice of an export; each slice enqueues the next. */
export const BULK_EXPORT_JOB = 'fhir.bulk_export';
/** The job kind that removes expired exports' files. */
export const BULK_EXPIRE_JOB = 'fhir.bulk_expire';

/** How long a slice works before it hands over to the next job (well inside the job lease). */
const SLICE_MS = 20_000;
/** A runner's hold on an export; renewed at every committed step. */
const LEASE_SECONDS = 120;

export interface ExporterDeps {
  db: Kysely<Database>;
  repo: BulkRepository;
  fhirRepo: FhirRepository;
  /** A page of patients' records, one query per type for the whole page. */
  /** Results and vital signs (the results module's), for each patient's Observations and reports. */
  resultRecord: ResultRecord;
  files: FileStore;
  jobs: JobService;
  baseUrl: string;
  batchSize: number;
  retentionHours: number;
  /** Told when an export ends (audit). */
  onFinished(exp: ExportRow, outcome: 'completed' | 'failed', patients: number): Promise<void>;
}

type SliceResult = 'completed' | 'continued' | 'not-mine' | 'lost-lease';

/**
 * Runs exports as durable jobs, streaming: patients are read a page at a time in id order
 * (keyset), each resource type for the whole page in one query (`patient_id = ANY(page)`), mapped
 * patient by patient through the same compartment as the API, and appended as NDJSON to one
 * encrypted file per type as each patient is mapped. After each page the cursor and every file's size commit together, so
 * memory holds one page, and a restarted job cuts each file back to its committed size and
 * carries on from the cursor. One runner at a time holds an export (a lease in its row).
 */
export class BulkExporter {
  constructor(private readonly deps: ExporterDeps) {}

  /** The job handler: works on the export for one slice, then enqueues the next slice. */
  async runSlice(exportId: string, budgetMs = SLICE_MS): Promise<SliceResult> {
    const owner = `bulk-${randomUUID()}`;
    const exp = await this.deps.repo.lease(exportId, owner, LEASE_SECONDS);
    // Finished, cancelled, or another runner holds it (and will enqueue what follows).
    if (!exp) return 'not-mine';
    try {
      return await this.work(exp, owner, budgetMs);
    } catch (err) {
      // A retry of this job (or any runner) may take it up at once from the last committed step.
      await this.deps.repo.release(exp.id, owner).catch(() => undefined);
      throw err;
    }
  }

  private async work(exp: ExportRow, owner: string, budgetMs: number): Promise<SliceResult> {
    const started = Date.now();
    const types = (Array.isArray(exp.types) ? (exp.types as unknown[]) : []).map(String) as ResourceType[];
    const rows = new Map((await this.deps.repo.files(exp.id)).map((f) => [f.resource_type, f]));
    let cursor = exp.cursor;
    let done = exp.patients_done;
    let directoryDone = exp.directory_done;
    let total = exp.patients_total;
    if (cursor === null && !directoryDone)
      total = await this.deps.repo.patientCount(exp.organization_id, exp.transaction_time);

    await StepFiles.cutToCommitted(this.deps.files, rows);
    for (;;) {
      const files = new StepFiles(this.deps.files, rows);
      let page: PatientRow[] = [];
      try {
        if (!directoryDone) {
          await files.write(await this.directory(exp, types));
        } else {
          page = await this.deps.repo.patientPage(
            exp.organization_id,
            exp.transaction_time,
            cursor,
            this.deps.batchSize,
          );
          await this.writePatients(exp, types, page, files);
        }
      } catch (err) {
        await files.abandon();
        throw err;
      }
      const progress = await files.close();
      const last = page.at(-1);
      if (last) cursor = last.id;
      done += page.length;
      const finished = directoryDone && page.length < this.deps.batchSize;
      directoryDone = true;
      const more = !finished && Date.now() - started >= budgetMs;
      const committed = await this.deps.db.transaction().execute(async (trx) => {
        const ok = await this.deps.repo.commit(trx, exp.id, owner, {
          cursor,
          patientsDone: done,
          directoryDone,
          files: progress,
          leaseSeconds: LEASE_SECONDS,
          total,
          release: more,
        });
        // The next slice is enqueued with the step that ends this one: a crash in between loses nothing.
        if (ok && more) await this.deps.jobs.enqueue({ kind: BULK_EXPORT_JOB, payload: { exportId: exp.id } }, trx);
        return ok;
      });
      if (!committed) {
        await this.removeIfGone(exp.id, [...rows.values()]);
        return 'lost-lease';
      }
      for (const p of progress) {
        const row = rows.get(p.resourceType);
        if (row)
          rows.set(p.resourceType, {
            ...row,
            line_count: p.lines,
            plain_bytes: p.state.plainBytes,
            stored_bytes: p.state.storedBytes,
            records: p.state.records,
          });
      }
      if (finished) {
        const expiresAt = new Date(Date.now() + this.deps.retentionHours * 3_600_000);
        if (!(await this.deps.repo.finish(exp.id, owner, { status: 'completed', expiresAt }))) {
          await this.removeIfGone(exp.id, [...rows.values()]);
          return 'lost-lease';
        }
        await this.deps.onFinished(exp, 'completed', done);
        return 'completed';
      }
      if (more) return 'continued';
    }
  }

  /** Practitioner, PractitionerRole, Organization and Location: once per organization, not per patient. */
  private async directory(exp: ExportRow, types: readonly ResourceType[]): Promise<Resource[]> {
    const wanted = DIRECTORY_TYPES.filter((t) => types.includes(t));
    if (wanted.length === 0) return [];
    const out: Resource[] = [];
    const at = exp.transaction_time;
    for (const { id } of await this.deps.repo.organizationIds(exp.organization_id)) {
      const org = await this.deps.fhirRepo.organization(id);
      if (!org) continue;
      const clinicians = await this.deps.fhirRepo.clinicians(id);
      for (const t of wanted) {
        if (t === 'Organization') out.push(organization(org, this.deps.baseUrl, at));
        if (t === 'Location') out.push(location(org, at));
        if (t === 'Practitioner') out.push(...clinicians.map((c) => practitioner(c, this.deps.baseUrl, at)));
        if (t === 'PractitionerRole') out.push(...clinicians.map((c) => practitionerRole(c, org, at)));
      }
    }
    return out;
  }

  /**
   * One page of patients' resources of the asked types (newer than `_since` when given), written
   * patient by patient in id order: the page's rows are read one query per type, and only one
   * patient's resources are held at a time.
   */
  private async writePatients(
    exp: ExportRow,
    types: readonly ResourceType[],
    page: readonly PatientRow[],
    files: StepFiles,
  ): Promise<void> {
    const wanted = types.filter((t) => !DIRECTORY_TYPES.includes(t));
    const since = exp.since?.getTime() ?? null;
    const source = new PatientPageSource(
      { fhirRepo: this.deps.fhirRepo, resultRecord: this.deps.resultRecord },
      page.map((p) => p.id),
      exp.transaction_time,
    );
    for (const patient of page) {
      const compartment = new Compartment(source, source, patient, this.deps.baseUrl, exp.transaction_time);
      for (const t of wanted) {
        const resources = await compartment.all(t);
        await files.write(since === null ? resources : resources.filter((r) => changedSince(r, since)));
      }
    }
  }

  /** A runner that lost its export to a cancel removes what it may have recreated on disk. */
  private async removeIfGone(exportId: string, rows: ExportFileRow[]): Promise<void> {
    const exp = await this.deps.repo.exportById(exportId);
    if (exp && exp.status !== 'cancelled') return;
    for (const r of rows) await this.deps.files.removeExport(r.file_id);
  }

  /** Gives up on an export whose job has failed for good. */
  async fail(exportId: string, error: string): Promise<void> {
    const expiresAt = new Date(Date.now() + this.deps.retentionHours * 3_600_000);
    const exp = await this.deps.repo.exportById(exportId);
    if (exp && (await this.deps.repo.failAny(exportId, error, expiresAt))) {
      await this.deps.onFinished(exp, 'failed', exp.patients_done);
    }
  }
}

/** `_since`: a resource whose meta.lastUpdated is not after it is left out (none given: kept). */
function changedSince(r: Resource, since: number): boolean {
  const meta = r['meta'] as { lastUpdated?: unknown } | undefined;
  if (typeof meta?.lastUpdated !== 'string') return true;
  return new Date(meta.lastUpdated).getTime() > since;
}
