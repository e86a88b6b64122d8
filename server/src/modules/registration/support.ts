import type { SupportRequest, SupportRequestBody, SupportRequestList } from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { FieldError } from '@portico/contracts';
import type { AuditService } from '../audit/index.js';
import type { MessagingService } from '../messaging/index.js';
import type { SupportRepository, SupportRow } from './support-repository.js';

const SUBJECTS = { visit: 'Technical help: a virtual visit', account: 'Technical help: my account' } as const;

/**
 * Technical-help requests. A request opens a secure-message thread (topic "technical") to the
 * organization's tech-help pool; staff answer there, so replies, read receipts and email
 * notices are the messaging module's, not a second copy of them.
 */
export class SupportService {
  constructor(
    private readonly repo: SupportRepository,
    private readonly messaging: MessagingService,
    private readonly audit: AuditService,
    private readonly idempotency: Idempotency,
  ) {}

  /**
   * Retry-safe with an Idempotency-Key: the key, the thread and the request are written in one
   * transaction, so a retry finds either all of them (and gets the first answer) or none.
   */
  async create(
    caller: AuthenticatedCaller,
    body: SupportRequestBody,
    key: string | null = null,
  ): Promise<Answer<SupportRequest>> {
    if (caller.role !== 'patient' && caller.role !== 'proxy') {
      throw new AppError('forbidden', 403, 'Support requests are opened by patients and their proxies.');
    }
    const once = this.idempotency.request(caller, 'support.create', key, body);
    return once.run(() => this.open(caller, body, once));
  }

  private async open(
    caller: AuthenticatedCaller,
    body: SupportRequestBody,
    once: RetrySafeCreate,
  ): Promise<SupportRequest> {
    const patientId = patientForArea(caller, 'messages');
    const description = (body.description ?? '').trim();
    const problems: FieldError[] = [];
    if (!body.topic) problems.push({ field: 'topic', message: 'Choose what you need help with.' });
    if (!description) problems.push({ field: 'description', message: 'Tell us what is not working.' });
    const appointmentId = body.appointmentId ?? null;
    if (appointmentId && !(await this.repo.appointmentOf(appointmentId, patientId))) {
      problems.push({ field: 'appointmentId', message: 'Choose one of your appointments, or none.' });
    }
    if (problems.length > 0 || !body.topic) throw validation(problems);
    const topic = body.topic;
    const patient = await this.repo.patientOrganization(patientId);
    if (!patient) throw forbidden();
    const poolId = await this.repo.techHelpPool(patient.organization_id);
    // The thread, the request and both audit rows commit together or not at all (decision 0027):
    // a cut between two transactions would leave a conversation without its request.
    return this.repo.transaction(async (repo, trx) => {
      const created = await once.within(trx, async () => {
        const thread = await this.messaging.startIn(trx, caller, {
          topic: 'technical',
          subject: SUBJECTS[topic],
          body: appointmentId ? `${description}\n\n(About an upcoming appointment.)` : description,
          poolId,
        });
        const newId = await repo.insert({
          organization_id: patient.organization_id,
          patient_id: patientId,
          topic,
          appointment_id: appointmentId,
          description,
          thread_id: thread.id,
          created_by: caller.userId,
        });
        const [row] = await repo.list({ id: newId });
        if (!row) throw new Error('support request vanished inside its own transaction');
        return toDto(row);
      });
      // The audit append comes last.
      await this.audit.record(
        caller,
        {
          action: 'support.request.create',
          entityType: 'SupportRequest',
          entityId: created.id,
          patientId,
          outcome: 'allowed',
          detail: { topic, threadId: created.threadId },
        },
        trx,
      );
      return created;
    });
  }

  /** Patients see their own; staff and clinicians their organization's queue; admins all. */
  async list(caller: AuthenticatedCaller): Promise<SupportRequestList> {
    let rows: SupportRow[];
    if (caller.role === 'patient' || caller.role === 'proxy') {
      rows = await this.repo.list({ patientId: patientForArea(caller, 'messages') });
    } else if (caller.role === 'admin') {
      rows = await this.repo.list({});
    } else {
      if (!caller.organizationId) throw forbidden();
      rows = await this.repo.list({ organizationId: caller.organizationId });
    }
    for (const r of rows) {
      await this.audit.record(caller, {
        action: 'support.request.read',
        entityType: 'SupportRequest',
        entityId: r.id,
        patientId: r.patient_id,
        outcome: 'allowed',
      });
    }
    return { requests: rows.map(toDto) };
  }
}

function toDto(r: SupportRow): SupportRequest {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    topic: r.topic,
    appointmentId: r.appointment_id,
    description: r.description,
    threadId: r.thread_id,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
