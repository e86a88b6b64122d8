import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { BulkExportFilesTable, BulkExportsTable } from '../../../db/tables/bulk.js';
import type { AppendState } from '../../files/index.js';
import type { Db } from '../../jobs/index.js';
import { PATIENT_COLUMNS, type PatientRow } from '../repository.js';

export type ExportRow = Selectable<BulkExportsTable>;
export type ExportFileRow = Selectable<BulkExportFilesTable>;

/** A file's committed state: how many lines and where the encrypted appender carries on. */
export interface FileProgress {
  resourceType: string;
  lines: number;
  state: AppendState;
}

/** SQL for bulk exports, their files, and the keyset pages of patients they walk. No rules here. */
export class BulkRepository {
  constructor(readonly db: Kysely<Database>) {}

  async insertExport(
    row: {
      app_id: string;
      organization_id: string | null;
      group_id: string | null;
      level: 'group' | 'patient';
      types: string[];
      since: Date | null;
      request_url: string;
    },
    files: { resourceType: string; wrappedKey: string }[],
    trx: Db,
  ): Promise<ExportRow> {
    const exp = await trx
      .insertInto('bulk_exports')
      .values({ ...row, types: JSON.stringify(row.types) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('bulk_export_files')
      .values(files.map((f) => ({ export_id: exp.id, resource_type: f.resourceType, wrapped_key: f.wrappedKey })))
      .execute();
    return exp;
  }

  exportById(id: string): Promise<ExportRow | undefined> {
    return this.db.selectFrom('bulk_exports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  files(exportId: string): Promise<ExportFileRow[]> {
    return this.db
      .selectFrom('bulk_export_files')
      .selectAll()
      .where('export_id', '=', exportId)
      .orderBy('resource_type')
      .execute();
  }

  /** A file with its export, for a download. */
  fileById(fileId: string) {
    return this.db
      .selectFrom('bulk_export_files as f')
      .innerJoin('bulk_exports as e', 'e.id', 'f.export_id')
      .select([
        'f.file_id',
        'f.resource_type',
        'f.wrapped_key',
        'f.line_count',
        'f.plain_bytes',
        'e.id as export_id',
        'e.app_id',
        'e.status',
        'e.organization_id',
        'e.group_id',
      ])
      .where('f.file_id', '=', fileId)
      .executeTakeFirst();
  }

  /** Exports of one client still queued or running (to keep one client from piling them up). */
  async activeCount(appId: string): Promise<number> {
    const row = await this.db
      .selectFrom('bulk_exports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('app_id', '=', appId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Takes the export for one runner until `until`, when nobody else holds it; returns the row
   * (now running) or undefined when it is finished, cancelled or held by a live runner.
   */
  async lease(id: string, owner: string, seconds: number): Promise<ExportRow | undefined> {
    return this.db
      .updateTable('bulk_exports')
      .set({
        status: 'running',
        lease_owner: owner,
        lease_until: sql<Date>`now() + ${`${seconds} seconds`}::interval`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
      .returningAll()
      .executeTakeFirst();
  }

  /** Lets go of an export after a failed step, so a retry can take it up at once. */
  async release(id: string, owner: string): Promise<void> {
    await this.db
      .updateTable('bulk_exports')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /**
   * Commits a step: the cursor, the patients done and each file's state, only while `owner` still
   * holds the lease of a running export. Returns false when it no longer does (cancelled, taken over).
   */
  async commit(
    trx: Db,
    id: string,
    owner: string,
    step: {
      cursor: string | null;
      patientsDone: number;
      directoryDone: boolean;
      files: FileProgress[];
      leaseSeconds: number;
      total?: number;
      /** The slice ends here: let go, so the next slice's job takes the export at once. */
      release: boolean;
    },
  ): Promise<boolean> {
    const row = await trx
      .updateTable('bulk_exports')
      .set({
        cursor: step.cursor,
        patients_done: step.patientsDone,
        directory_done: step.directoryDone,
        ...(step.total !== undefined ? { patients_total: step.total } : {}),
        ...(step.release
          ? { lease_owner: null, lease_until: null }
          : { lease_until: sql<Date>`now() + ${`${step.leaseSeconds} seconds`}::interval` }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    for (const f of step.files) {
      await trx
        .updateTable('bulk_export_files')
        .set({
          line_count: f.lines,
          plain_bytes: f.state.plainBytes,
          stored_bytes: f.state.storedBytes,
          records: f.state.records,
        })
        .where('export_id', '=', id)
        .where('resource_type', '=', f.resourceType)
        .execute();
    }
    return true;
  }

  /** Ends a running export held by `owner` as completed or failed; false when it no longer holds it. */
  async finish(
    id: string,
    owner: string,
    outcome: { status: 'completed'; expiresAt: Date } | { status: 'failed'; error: string; expiresAt: Date },
  ): Promise<boolean> {
    const row = await this.db
      .updateTable('bulk_exports')
      .set({
        status: outcome.status,
        error: outcome.status === 'failed' ? outcome.error.slice(0, 1000) : null,
        completed_at: sql<Date>`now()`,
        expires_at: outcome.expiresAt,
        lease_owner: null,
        lease_until: null,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Fails an export whatever holds it (its job gave up); false when it had already ended. */
  async failAny(id: string, error: string, expiresAt: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('bulk_exports')
      .set({ status: 'failed', error: error.slice(0, 1000), expires_at: expiresAt, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Cancels (or deletes the result of) an export; returns its files so they can be removed. */
  async cancel(id: string): Promise<ExportFileRow[] | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('bulk_exports')
        .set({ status: 'cancelled', lease_owner: null, lease_until: null, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('status', '<>', 'cancelled')
        .returning('id')
        .executeTakeFirst();
      if (!row) return undefined;
      return trx.deleteFrom('bulk_export_files').where('export_id', '=', id).returningAll().execute();
    });
  }

  /** Exports past their expiry (or cancelled/failed and older than `before`), with their files. */
  async expired(now: Date, limit: number) {
    return this.db
      .selectFrom('bulk_exports')
      .select(['id', 'app_id', 'organization_id', 'group_id'])
      .where((eb) => eb.and([eb('expires_at', 'is not', null), eb('expires_at', '<', now)]))
      .where('status', 'in', ['completed', 'failed'])
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  }

  /** Marks an expired export as such (kept, without files, for the audit trail). */
  async expire(id: string): Promise<ExportFileRow[]> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('bulk_exports')
        .set({ status: 'cancelled', expires_at: null, error: 'expired', updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
      return trx.deleteFrom('bulk_export_files').where('export_id', '=', id).returningAll().execute();
    });
  }

  /** Files of an export (whatever its state): what a runner that lost its lease must not leave behind. */
  async fileIdsOf(id: string): Promise<string[]> {
    const rows = await this.db.selectFrom('bulk_export_files').select('file_id').where('export_id', '=', id).execute();
    return rows.map((r) => r.file_id);
  }

  private patientsOf(organizationId: string | null, asOf: Date) {
    let q = this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .where('p.created_at', '<=', asOf);
    if (organizationId) q = q.where('p.organization_id', '=', organizationId);
    return q;
  }

  async patientCount(organizationId: string | null, asOf: Date): Promise<number> {
    const row = await this.patientsOf(organizationId, asOf)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The next page of patients after `after` in id order (keyset: no OFFSET, so each page costs
   * the same however deep the export is), with the columns the FHIR Patient mapper needs.
   */
  async patientPage(
    organizationId: string | null,
    asOf: Date,
    after: string | null,
    limit: number,
  ): Promise<PatientRow[]> {
    let q = this.patientsOf(organizationId, asOf).select(PATIENT_COLUMNS);
    if (after) q = q.where('p.id', '>', after);
    return q.orderBy('p.id').limit(limit).execute();
  }

  /** Organizations an export covers (one, or all), for the directory resources. */
  organizationIds(organizationId: string | null): Promise<{ id: string }[]> {
    let q = this.db.selectFrom('organizations').select('id');
    if (organizationId) q = q.where('id', '=', organizationId);
    return q.orderBy('id').execute();
  }

  /** The organizations' patient groups: one per organization, with how many patients it has. */
  groups(filter: { organizationId: string | null; id?: string; namePrefix?: string }) {
    let q = this.db
      .selectFrom('organizations as o')
      .select((eb) => [
        'o.id',
        'o.name',
        'o.slug',
        'o.created_at',
        eb
          .selectFrom('patients as p')
          .whereRef('p.organization_id', '=', 'o.id')
          .select(eb.fn.countAll<string>().as('n'))
          .as('patients'),
      ]);
    if (filter.organizationId) q = q.where('o.id', '=', filter.organizationId);
    if (filter.id) q = q.where('o.id', '=', filter.id);
    if (filter.namePrefix) {
      const prefix = filter.namePrefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      q = q.where(sql<string>`lower(o.name)`, 'like', `${prefix}%`);
    }
    return q.orderBy('o.name').orderBy('o.id').execute();
  }
}

export type GroupRow = Awaited<ReturnType<BulkRepository['groups']>>[number];
