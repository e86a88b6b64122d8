import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { anonymousCaller } from '../../../lib/caller.js';
import type { AuditService } from '../../audit/index.js';
import type { FileStore } from '../../files/index.js';
import type { JobService } from '../../jobs/index.js';
import type { FhirRepository } from '../repository.js';
import { BULK_EXPIRE_JOB, BULK_EXPORT_JOB, BulkExporter } from './exporter.js';
import { BulkRepository } from './repository.js';
import { BulkService } from './service.js';
import type { ResultRecord } from '../../results/index.js';

/** The jobs table's default number of tries: on the last one, a failing export is given up. */
const JOB_MAX_ATTEMPTS = 8;

export interface BulkExport {
  service: BulkService;
  exporter: BulkExporter;
}

/** Builds bulk export and registers its job kinds (one slice of an export; expiry of old ones). */
export function createBulkExport(deps: {
  db: Kysely<Database>;
  fhirRepo: FhirRepository;
  resultRecord: ResultRecord;
  audit: AuditService;
  files: FileStore;
  jobs: JobService;
  publicUrl: string;
  batchSize: number;
  retentionHours: number;
}): BulkExport {
  const repo = new BulkRepository(deps.db);
  const baseUrl = deps.publicUrl.replace(/\/$/, '');
  const exporter = new BulkExporter({
    db: deps.db,
    repo,
    fhirRepo: deps.fhirRepo,
    resultRecord: deps.resultRecord,
    files: deps.files,
    jobs: deps.jobs,
    baseUrl,
    batchSize: deps.batchSize,
    retentionHours: deps.retentionHours,
    // The end of an export is audited once, as the client that started it (no per-patient rows).
    onFinished: async (exp, outcome, patients) => {
      await deps.audit.record(
        { ...anonymousCaller('job', `bulk-export:${exp.id}`), userId: exp.app_id, organizationId: exp.organization_id },
        {
          action: outcome === 'completed' ? 'fhir.bulk_export_completed' : 'fhir.bulk_export_failed',
          entityType: exp.level === 'group' ? 'Group' : 'Patient',
          entityId: exp.id,
          outcome: outcome === 'completed' ? 'allowed' : 'failed',
          detail: {
            exportId: exp.id,
            patients,
            organization: exp.organization_id ?? 'all',
            ...(exp.group_id ? { group: exp.group_id } : {}),
          },
        },
      );
    },
  });
  const service = new BulkService({
    db: deps.db,
    repo,
    files: deps.files,
    jobs: deps.jobs,
    audit: deps.audit,
    exporter,
    baseUrl,
  });
  deps.jobs.register(BULK_EXPORT_JOB, async (payload, job) => {
    const exportId = String(payload['exportId']);
    try {
      await exporter.runSlice(exportId);
    } catch (err) {
      if (job.attempts >= JOB_MAX_ATTEMPTS)
        await exporter.fail(exportId, err instanceof Error ? err.message : String(err));
      throw err;
    }
  });
  // Bulk exports past their expiry: files removed (docs/decisions/0034).
  deps.jobs.every('hour', BULK_EXPIRE_JOB, 'bulk-expire');
  deps.jobs.register(BULK_EXPIRE_JOB, async () => void (await service.expire()));
  return { service, exporter };
}
