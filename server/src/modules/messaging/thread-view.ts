import type { Thread, ThreadMessage, ThreadSummary } from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { AttachmentMeta, MessageRow, MessagingRepository, ThreadRow, ThreadScope } from './repository.js';

/** Which side of a conversation a caller writes from. */
export type Side = 'patient' | 'care_team';

export function sideOf(caller: AuthenticatedCaller): Side {
  return caller.role === 'patient' || caller.role === 'proxy' ? 'patient' : 'care_team';
}

/** The conversations a caller may see: their patient's, their organization's, or (admins) all. */
export function scopeOf(caller: AuthenticatedCaller): ThreadScope {
  if (sideOf(caller) === 'patient') return { kind: 'patient', patientId: patientForArea(caller, 'messages') };
  if (caller.role === 'admin') return { kind: 'all' };
  if (!caller.organizationId) throw forbidden();
  return { kind: 'organization', organizationId: caller.organizationId };
}

/** The thread with its messages as `side` sees it, read through `repo` (a transaction's, when inside one). */
export async function threadView(repo: MessagingRepository, threadId: string, side: Side): Promise<Thread> {
  const messages = await repo.messages(threadId);
  const attachments = await repo.attachmentsFor(messages.map((m) => m.id));
  const fresh = await repo.thread(threadId, { kind: 'all' });
  if (!fresh) throw notFound('This conversation');
  return { ...summary(fresh, side), messages: messages.map((m) => toMessage(m, attachments)) };
}

export function summary(r: ThreadRow, side: Side): ThreadSummary {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    topic: r.topic,
    subject: r.subject,
    recipient: r.clinician_name ?? r.pool_name ?? '',
    clinicianId: r.clinician_id,
    poolId: r.pool_id,
    assignedTo: r.assigned_user_id ? { id: r.assigned_user_id, name: r.assigned_name ?? '' } : null,
    status: r.status,
    lastMessageAt: r.last_message_at.toISOString(),
    unread: side === 'patient' ? r.unread_for_patient : r.unread_for_care_team,
  };
}

function toMessage(m: MessageRow, attachments: AttachmentMeta[]): ThreadMessage {
  return {
    id: m.id,
    side: m.author_side,
    authorName: m.author_name,
    body: m.body,
    createdAt: m.created_at.toISOString(),
    readAt: m.read_at?.toISOString() ?? null,
    attachments: attachments
      .filter((a) => a.message_id === m.id)
      .map((a) => ({
        id: a.id,
        filename: a.filename,
        contentType: a.content_type,
        sizeBytes: a.size_bytes,
        url: `/api/messages/attachments/${a.id}`,
      })),
  };
}
