import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Caller } from '../../../lib/caller.js';
import type { AuditService } from '../../audit/index.js';
import type { FileStore } from '../../files/index.js';
import type { JobService } from '../../jobs/index.js';
import type { FhirGrant } from '../access.js';
import { FhirError, notFoundFhir } from '../outcome.js';
import type { Resource } from '../resource.js';
import { BULK_EXPORT_JOB, type BulkExporter } from './exporter.js';
import { organizationGroup } from './group.js';
import { parseKickoff, systemReads, type QueryValue } from './params.js';
import type { BulkRepository, ExportRow } from './repository.js';

/** One client may have this many exports queued or running at once; more get a 429. */
export const MAX_ACTIVE_EXPORTS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A backend service's request: its grant, the app behind it, and who the audit trail names. */
export interface BulkAccess {
  grant: FhirGrant;
  /** The registered app (smart_apps.id); a backend token's grant carries it as its user. */
  appId: string;
  caller: Caller;
}

export type ExportStatus =
  | { state: 'in-progress'; progress: string }
  | { state: 'completed'; manifest: Record<string, unknown>; expiresAt: Date | null }
  | { state: 'failed'; message: string };

/**
 * The rules of bulk export (Bulk Data Access v2): backend services only, each client limited to
 * its organization when registered for one, everything it started reachable only by itself,
 * every kick-off, download, cancel and end audited once (not once per patient: docs/decisions/0034).
 */
export class BulkService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      repo: BulkRepository;
      files: FileStore;
      jobs: JobService;
      audit: AuditService;
      exporter: BulkExporter;
      baseUrl: string;
      clock?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  private get fhirBase(): string {
    return `${this.deps.baseUrl}/fhir/R4`;
  }

  private async audit(
    caller: Caller,
    action: string,
    entityType: string,
    entityId: string | null,
    outcome: 'allowed' | 'denied' | 'failed',
    detail: Record<string, string | number | boolean>,
  ): Promise<void> {
    await this.deps.audit.record(caller, { action, entityType, entityId, patientId: null, outcome, detail });
  }

  private who(access: BulkAccess): Record<string, string> {
    return {
      ...(access.grant.appName ? { app: access.grant.appName.slice(0, 100) } : {}),
      ...(access.grant.clientId ? { clientId: access.grant.clientId.slice(0, 100) } : {}),
    };
  }

  /** The organization groups this client may see (its own, or every one). */
  async groups(access: BulkAccess, query: Record<string, QueryValue>): Promise<Resource[]> {
    this.checkGroupRead(access);
    for (const name of Object.keys(query)) {
      if (!['name', '_id', '_count'].includes(name))
        throw new FhirError(400, 'not-supported', `The parameter ${name.slice(0, 60)} is not supported on Group.`);
    }
    const one = (k: string): string | undefined => {
      const v = query[k];
      return Array.isArray(v) ? v[0] : v;
    };
    const id = one('_id');
    if (id !== undefined && !UUID.test(id)) return [];
    const name = one('name');
    const rows = await this.deps.repo.groups({
      organizationId: access.grant.organizationId ?? null,
      ...(id ? { id } : {}),
      ...(name ? { namePrefix: name.slice(0, 100) } : {}),
    });
    await this.audit(access.caller, 'fhir.search', 'Group', null, 'allowed', {
      ...this.who(access),
      results: rows.length,
    });
    return rows.map((r) => organizationGroup(r, this.deps.baseUrl));
  }

  async group(access: BulkAccess, id: string): Promise<Resource> {
    this.checkGroupRead(access);
    const row = await this.groupRow(access, id);
    await this.audit(access.caller, 'fhir.read', 'Group', id, row ? 'allowed' : 'denied', this.who(access));
    if (!row) throw notFoundFhir('Group', id);
    return organizationGroup(row, this.deps.baseUrl);
  }

  private checkGroupRead(access: BulkAccess): void {
    if (!systemReads(access.grant, 'Group'))
      throw new FhirError(403, 'forbidden', 'The granted scopes do not allow reading Group.');
  }

  /** A group this client may reach: its own organization's, or any when it is not bound to one. */
  private async groupRow(access: BulkAccess, id: string) {
    if (!UUID.test(id)) return undefined;
    const rows = await this.deps.repo.groups({ organizationId: access.grant.organizationId ?? null, id });
    return rows[0];
  }

  /**
   * Kick-off: checks the request, records the export and its (empty, encrypted) files, and
   * enqueues its first job in the same transaction. Returns the export's id.
   */
  async kickoff(
    access: BulkAccess,
    target: { level: 'patient' } | { level: 'group'; groupId: string },
    query: Record<string, QueryValue>,
    headers: { prefer?: string | undefined; accept?: string | undefined },
    requestUrl: string,
  ): Promise<string> {
    const request = parseKickoff(query, headers, access.grant, this.now());
    let organizationId = access.grant.organizationId ?? null;
    if (target.level === 'group') {
      const group = await this.groupRow(access, target.groupId);
      if (!group) {
        await this.audit(
          access.caller,
          'fhir.bulk_export',
          'Group',
          target.groupId.slice(0, 64),
          'denied',
          this.who(access),
        );
        throw notFoundFhir('Group', target.groupId);
      }
      organizationId = group.id;
    }
    if ((await this.deps.repo.activeCount(access.appId)) >= MAX_ACTIVE_EXPORTS) {
      throw new FhirError(429, 'throttled', 'This client already has exports in progress; wait for one to finish.', {
        'retry-after': '60',
      });
    }
    const exp = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.deps.repo.insertExport(
        {
          app_id: access.appId,
          organization_id: organizationId,
          group_id: target.level === 'group' ? target.groupId : null,
          level: target.level,
          types: request.types,
          since: request.since,
          request_url: requestUrl.slice(0, 4000),
        },
        request.types.map((t) => ({ resourceType: t, wrappedKey: this.deps.files.newKey() })),
        trx,
      );
      await this.deps.jobs.enqueue({ kind: BULK_EXPORT_JOB, payload: { exportId: row.id } }, trx);
      return row;
    });
    await this.audit(
      access.caller,
      'fhir.bulk_export',
      target.level === 'group' ? 'Group' : 'Patient',
      exp.id,
      'allowed',
      {
        ...this.who(access),
        exportId: exp.id,
        level: target.level,
        ...(target.level === 'group' ? { group: target.groupId } : {}),
        organization: organizationId ?? 'all',
        types: request.types.join(',').slice(0, 500),
        ...(request.since ? { since: request.since.toISOString() } : {}),
      },
    );
    return exp.id;
  }

  /** The export behind a status URL, only for the client that started it (anyone else: 404). */
  private async own(access: BulkAccess, id: string): Promise<ExportRow> {
    const exp = UUID.test(id) ? await this.deps.repo.exportById(id) : undefined;
    if (!exp || exp.app_id !== access.appId || exp.status === 'cancelled') {
      throw new FhirError(404, 'not-found', 'There is no such export, or it was cancelled or has expired.');
    }
    return exp;
  }

  async status(access: BulkAccess, id: string): Promise<ExportStatus> {
    const exp = await this.own(access, id);
    if (exp.status === 'failed')
      return { state: 'failed', message: 'The export could not be completed. Start a new one.' };
    if (exp.status !== 'completed') {
      const progress =
        exp.status === 'queued' || exp.patients_total === 0
          ? 'Waiting to start'
          : `${Math.min(100, Math.floor((exp.patients_done / exp.patients_total) * 100))}% (${exp.patients_done} of ${exp.patients_total} patients)`;
      return { state: 'in-progress', progress };
    }
    const files = await this.deps.repo.files(exp.id);
    return {
      state: 'completed',
      expiresAt: exp.expires_at,
      manifest: {
        transactionTime: exp.transaction_time.toISOString(),
        request: exp.request_url,
        requiresAccessToken: true,
        output: files
          .filter((f) => f.line_count > 0)
          .map((f) => ({
            type: f.resource_type,
            url: `${this.fhirBase}/$export-file/${f.file_id}`,
            count: f.line_count,
          })),
        error: [],
      },
    };
  }

  /** One NDJSON file, decrypted as it is sent, only to the client that started the export. */
  async file(access: BulkAccess, fileId: string): Promise<{ body: Readable; type: string; lines: number }> {
    const file = UUID.test(fileId) ? await this.deps.repo.fileById(fileId) : undefined;
    if (!file || file.app_id !== access.appId || file.status !== 'completed') {
      await this.audit(access.caller, 'fhir.bulk_download', 'Binary', fileId.slice(0, 64), 'denied', this.who(access));
      throw new FhirError(404, 'not-found', 'There is no such file, or its export was cancelled or has expired.');
    }
    await this.audit(access.caller, 'fhir.bulk_download', file.resource_type, file.export_id, 'allowed', {
      ...this.who(access),
      exportId: file.export_id,
      type: file.resource_type,
      results: file.line_count,
    });
    return {
      body: this.deps.files.readExport(file.file_id, file.wrapped_key, Number(file.plain_bytes)),
      type: file.resource_type,
      lines: file.line_count,
    };
  }

  /** DELETE on the status URL: stops the export (or ends a finished one early) and removes its files. */
  async cancel(access: BulkAccess, id: string): Promise<void> {
    const exp = await this.own(access, id);
    const files = (await this.deps.repo.cancel(exp.id)) ?? [];
    for (const f of files) await this.deps.files.removeExport(f.file_id);
    await this.audit(access.caller, 'fhir.bulk_export_cancel', 'Patient', exp.id, 'allowed', {
      ...this.who(access),
      exportId: exp.id,
      was: exp.status,
    });
  }

  /** Removes the files of exports past their expiry; returns how many exports ended. */
  async expire(limit = 100): Promise<number> {
    const rows = await this.deps.repo.expired(this.now(), limit);
    for (const row of rows) {
      const files = await this.deps.repo.expire(row.id);
      for (const f of files) await this.deps.files.removeExport(f.file_id);
    }
    return rows.length;
  }
}
