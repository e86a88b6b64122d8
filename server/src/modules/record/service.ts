import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { notFound } from '../../lib/errors.js';
import { translator } from '../../lib/i18n.js';
import type { Services } from '../../lib/module.js';
import type { AuditOutcome } from '../audit/index.js';
import { portalAccess, type RecordReader } from '../fhir/index.js';
import { bundleChunks } from './bundle.js';
import { renderRecordPdf } from './pdf.js';
import { summarize } from './summary.js';

export const RECORD_FORMATS = ['fhir', 'pdf'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

export interface RecordFile {
  filename: string;
  contentType: string;
  /** The FHIR Bundle streams; the PDF summary (bounded) is built before the answer starts. */
  body: Readable | Buffer;
}

/**
 * "Download my record" (docs/decisions/0043): the open record as a FHIR R4 Bundle or a PDF summary
 * in the patient's language. Needs a sign-in or re-authentication within the step-up window, and
 * is audited (`record.download`, with the format) in its own transaction before any byte of the
 * record leaves: if the audit row cannot be written, nothing is sent.
 */
export class RecordDownloadService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly services: Pick<Services, 'fhir' | 'stepUp' | 'audit'>,
    private readonly publicUrl: string,
  ) {}

  async download(caller: AuthenticatedCaller, patientId: string, format: RecordFormat): Promise<RecordFile> {
    const access = portalAccess(caller);
    if (!access || access.grant.patientId !== patientId) {
      await this.audited(caller, patientId, format, 'denied', 'not_open_record');
      throw notFound('This record');
    }
    try {
      await this.services.stepUp.require(caller);
    } catch (err) {
      await this.audited(caller, patientId, format, 'denied', 'step_up_required');
      throw err;
    }
    const reader = await this.services.fhir.service.recordReader(access);
    const filename = fileName(reader, format);
    if (format === 'pdf') {
      const tr = translator(reader.patient.preferred_language);
      const pdf = await renderRecordPdf(await summarize(reader, tr), tr);
      await this.audited(caller, patientId, format, 'allowed');
      return { filename, contentType: 'application/pdf', body: pdf };
    }
    await this.audited(caller, patientId, format, 'allowed');
    const fhirBase = `${this.publicUrl.replace(/\/$/, '')}/fhir/R4`;
    return {
      filename,
      contentType: 'application/fhir+json; charset=utf-8',
      body: Readable.from(bundleChunks(reader, fhirBase)),
    };
  }

  private async audited(
    caller: AuthenticatedCaller,
    patientId: string,
    format: RecordFormat,
    outcome: AuditOutcome,
    reason?: string,
  ): Promise<void> {
    await this.db.transaction().execute((trx) =>
      this.services.audit.record(
        caller,
        {
          action: 'record.download',
          entityType: 'Patient',
          entityId: patientId,
          patientId,
          outcome,
          detail: { format, ...(reason ? { reason } : {}) },
        },
        trx,
      ),
    );
  }
}

/** `health-record-<MRN>-<day>.json|pdf`: tells a proxy's files apart, and holds no name. */
function fileName(reader: RecordReader, format: RecordFormat): string {
  const mrn = reader.patient.mrn.replace(/[^A-Za-z0-9-]/g, '');
  const day = reader.now.toISOString().slice(0, 10);
  return `health-record-${mrn}-${day}.${format === 'pdf' ? 'pdf' : 'json'}`;
}
