import type { InboxQuery, MessageOptions, Thread, ThreadList } from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden, notFound, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './attachments.js';
import type { MessagingRepository, ThreadRow } from './repository.js';
import { scopeOf, sideOf, summary, threadView } from './thread-view.js';

/** Finding and reading conversations (read state), and the care team's triage: assignee and status. */
export class MessageThreads {
  constructor(
    private readonly repo: MessagingRepository,
    private readonly audit: AuditService,
  ) {}

  async options(caller: AuthenticatedCaller): Promise<MessageOptions> {
    const patientId = patientForArea(caller, 'messages');
    const { clinicians, pools, org } = await this.repo.options(patientId);
    const days = org.settings['messageResponseBusinessDays'];
    return {
      clinicians,
      pools,
      responseBusinessDays: typeof days === 'number' && days > 0 ? days : 2,
      urgentPhone: org.tech_help_phone,
      maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
      maxAttachments: MAX_ATTACHMENTS,
    };
  }

  async list(caller: AuthenticatedCaller, query: InboxQuery): Promise<ThreadList> {
    const scope = scopeOf(caller);
    const side = sideOf(caller);
    const rows =
      scope.kind === 'patient'
        ? await this.repo.forPatient(scope.patientId)
        : await this.repo.inbox({
            organizationId: scope.kind === 'organization' ? scope.organizationId : null,
            ...(query.status ? { status: query.status } : {}),
            ...(query.poolId ? { poolId: query.poolId } : {}),
            ...(query.mine ? { mineUserId: caller.userId } : {}),
          });
    await this.audit.record(caller, {
      action: 'message.list',
      entityType: 'Communication',
      patientId: scope.kind === 'patient' ? scope.patientId : null,
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    return { threads: rows.map((r) => summary(r, side)) };
  }

  /** Opening a thread marks the other side's messages read (their read receipts). */
  async read(caller: AuthenticatedCaller, threadId: string): Promise<Thread> {
    const thread = await this.repo.thread(threadId, scopeOf(caller));
    if (!thread) {
      await this.audit.record(caller, {
        action: 'message.read',
        entityType: 'Communication',
        entityId: threadId,
        outcome: 'denied',
      });
      throw notFound('This conversation');
    }
    const side = sideOf(caller);
    await this.audited(caller, thread, 'message.read', (repo) => repo.markRead(thread.id, side));
    return threadView(this.repo, thread.id, side);
  }

  async assign(caller: AuthenticatedCaller, threadId: string, userId: string | null): Promise<Thread> {
    const thread = await this.careTeamThread(caller, threadId);
    if (userId && !(await this.repo.colleague(userId, thread.organization_id))) {
      throw validation([{ field: 'userId', message: 'Choose a colleague from this organization.' }]);
    }
    await this.audited(caller, thread, 'message.assign', (repo) => repo.setAssignee(thread.id, userId));
    return this.read(caller, thread.id);
  }

  async setStatus(caller: AuthenticatedCaller, threadId: string, status: 'open' | 'done'): Promise<Thread> {
    const thread = await this.careTeamThread(caller, threadId);
    await this.audited(caller, thread, `message.${status}`, (repo) => repo.setStatus(thread.id, status));
    return this.read(caller, thread.id);
  }

  /** Runs `change` and appends its audit row in one transaction, the audit last (decision 0027). */
  private audited(
    caller: AuthenticatedCaller,
    thread: ThreadRow,
    action: string,
    change: (repo: MessagingRepository) => Promise<unknown>,
  ): Promise<void> {
    return this.repo.transaction(async (repo, trx) => {
      await change(repo);
      const entry = { action, entityType: 'Communication', entityId: thread.id, patientId: thread.patient_id };
      await this.audit.record(caller, { ...entry, outcome: 'allowed' }, trx);
    });
  }

  private async careTeamThread(caller: AuthenticatedCaller, threadId: string): Promise<ThreadRow> {
    if (sideOf(caller) !== 'care_team') throw forbidden();
    const thread = await this.repo.thread(threadId, scopeOf(caller));
    if (!thread) throw notFound('This conversation');
    return thread;
  }
}
