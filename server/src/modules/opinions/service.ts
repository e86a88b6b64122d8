import type { Readable } from 'node:stream';
import type {
  NewOpinionBody,
  OpinionList,
  OpinionOptions,
  OpinionQueueQuery,
  OpinionRequest,
} from '@portico/contracts';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { isWorkforce, patientForArea } from '../../lib/caller.js';
import { forbidden, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';
import type { CapabilityLinks } from '../../lib/capability-links.js';
import { OpinionAccessRules, PROXY_AREA, type OpinionAccess, type RequestRow } from './access.js';
import { checklistFor } from './checklist.js';
import { requestDto, summaryDto } from './dto.js';
import type { OpinionsRepository } from './repository.js';

export interface UploadLimits {
  maxFileBytes: number;
  maxDicomBytes: number;
}

/**
 * Second-opinion requests from the patient's side, and the reads both sides share. Care-team
 * actions are in triage.ts, physician links in links.ts, uploads in uploads.ts.
 */
export class OpinionsService {
  readonly access: OpinionAccessRules;

  constructor(
    private readonly repo: OpinionsRepository,
    private readonly audit: AuditService,
    private readonly files: FileStore,
    private readonly limits: UploadLimits,
    private readonly idempotency: Idempotency,
    links: CapabilityLinks,
  ) {
    this.access = new OpinionAccessRules(repo, audit, links);
  }

  async options(): Promise<OpinionOptions> {
    const departments = await this.repo.serviceLines();
    return { departments, ...this.limits };
  }

  /** A new request; retry-safe with an Idempotency-Key (a retry gets the first answer). */
  async create(
    caller: AuthenticatedCaller,
    body: NewOpinionBody,
    key: string | null = null,
  ): Promise<Answer<OpinionRequest>> {
    const once = this.idempotency.request(caller, 'opinion.create', key, body);
    return once.run(() => this.submit(caller, body, once));
  }

  private async submit(
    caller: AuthenticatedCaller,
    body: NewOpinionBody,
    once: RetrySafeCreate,
  ): Promise<OpinionRequest> {
    if (caller.role !== 'patient' && caller.role !== 'proxy') throw forbidden();
    const patientId = patientForArea(caller, PROXY_AREA);
    const patient = await this.repo.patient(patientId);
    if (!patient) throw notFound('This patient');
    const lines = await this.repo.serviceLines();
    const fields = [];
    if (!lines.some((l) => l.code === body.serviceLineCode)) {
      fields.push({ field: 'serviceLineCode', message: 'Choose a department from the list.' });
    }
    if (!body.condition.trim()) fields.push({ field: 'condition', message: 'Enter the diagnosis or condition.' });
    if (!body.question.trim()) fields.push({ field: 'question', message: 'Write the question you want answered.' });
    const email = body.physicianEmail?.trim() ?? '';
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      fields.push({ field: 'physicianEmail', message: 'Enter an email address like name@example.org.' });
    }
    if (fields.length > 0) throw validation(fields);
    // The request and its audit row commit together (decision 0027); the audit append comes last.
    return this.repo.transaction(async (repo, trx) => {
      const created = await once.within(trx, async () => {
        const newId = await repo.insertRequest({
          organization_id: patient.organization_id,
          patient_id: patientId,
          created_by: caller.userId,
          service_line_code: body.serviceLineCode,
          condition: body.condition.trim(),
          question: body.question.trim(),
          physician_name: body.physicianName?.trim() ?? '',
          physician_institution: body.physicianInstitution?.trim() ?? '',
          physician_phone: body.physicianPhone?.trim() ?? '',
          physician_email: email,
          insurance: body.insurance?.trim() ?? '',
          precert_needed: body.precertNeeded,
          precert_obtained: body.precertNeeded && body.precertObtained,
          precert_reference: body.precertNeeded ? (body.precertReference?.trim() ?? '') : '',
          visit_preference: body.visitPreference,
          has_imaging: body.hasImaging,
          has_labs: body.hasLabs,
          updated_at: new Date(),
        });
        await repo.addEvent({
          request_id: newId,
          actor_user_id: caller.userId,
          actor_kind: 'patient',
          kind: 'created',
          status: 'submitted',
        });
        const row = await repo.request(newId);
        if (!row) throw new Error('second-opinion request vanished inside its own transaction');
        return this.assemble(row, repo);
      });
      await this.audit.record(
        caller,
        { action: 'opinion.create', entityType: 'ServiceRequest', entityId: created.id, patientId, outcome: 'allowed' },
        trx,
      );
      return created;
    });
  }

  async list(caller: AuthenticatedCaller): Promise<OpinionList> {
    const patientId = patientForArea(caller, PROXY_AREA);
    const rows = await this.repo.listForPatient(patientId);
    await this.audit.record(caller, {
      action: 'opinion.list',
      entityType: 'ServiceRequest',
      patientId,
      outcome: 'allowed',
    });
    return { requests: rows.map(summaryDto) };
  }

  async queue(caller: AuthenticatedCaller, query: OpinionQueueQuery): Promise<OpinionList> {
    if (!isWorkforce(caller) || !caller.organizationId) throw forbidden();
    const rows = await this.repo.queue(caller.organizationId, {
      ...(query.department ? { department: query.department } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    await this.audit.record(caller, {
      action: 'opinion.queue',
      entityType: 'ServiceRequest',
      outcome: 'allowed',
      detail: { count: rows.length },
    });
    return { requests: rows.map(summaryDto) };
  }

  /** The whole request as its viewer sees it; every read is audited. */
  async detail(caller: Caller, id: string, action = 'opinion.read'): Promise<OpinionRequest> {
    const { row } = await this.access.forCaller(caller, id, action);
    const dto = await this.assemble(row);
    await this.audit.record(caller, {
      action,
      entityType: 'ServiceRequest',
      entityId: id,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
    return dto;
  }

  async assemble(row: RequestRow, repo = this.repo): Promise<OpinionRequest> {
    const [docs, events, links, needs] = await Promise.all([
      repo.documents(row.id),
      repo.events(row.id),
      repo.links(row.id),
      repo.needs(row.id),
    ]);
    return requestDto(row, { docs, events, links, checklist: checklistFor(row, docs, needs) });
  }

  /** A stored file, decrypted as it streams, for the patient and care team only. */
  async documentContent(
    caller: Caller,
    id: string,
    docId: string,
  ): Promise<{ filename: string; contentType: string; sizeBytes: number; stream: Readable }> {
    const { row } = await this.access.forCaller(caller, id, 'opinion.document_read');
    const doc = await this.repo.document(id, docId);
    if (!doc) {
      await this.audit.record(caller, {
        action: 'opinion.document_read',
        entityType: 'DocumentReference',
        entityId: docId,
        patientId: row.patient_id,
        outcome: 'denied',
      });
      throw notFound('This file');
    }
    await this.audit.record(caller, {
      action: 'opinion.document_read',
      entityType: 'DocumentReference',
      entityId: docId,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
    const sizeBytes = Number(doc.size_bytes);
    return {
      filename: doc.filename,
      contentType: doc.content_type,
      sizeBytes,
      stream: this.files.readObject(doc.id, doc.wrapped_key, sizeBytes),
    };
  }
}

export type { OpinionAccess };
