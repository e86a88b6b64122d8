import type {
  ConfirmProfileBody,
  Coordinator,
  InternationalPatient,
  InternationalProfile,
  InternationalRequest,
  NewRequestBody,
  RequestReplyBody,
  RequestDetails,
  RequestStatus,
} from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';

/** The encrypted file store, as far as letters need it. */
export type LetterFiles = Pick<FileStore, 'put' | 'get' | 'remove'>;
import { assertStaffScope, patientOf, staffOrg } from './access.js';
import type { InternationalRepository } from './repository.js';
import { checkDetails } from './request-rules.js';

type RequestRow = NonNullable<Awaited<ReturnType<InternationalRepository['request']>>>;

/** The international profile, the coordinator, and requests to the center with their replies. */
export class InternationalService {
  constructor(
    private readonly repo: InternationalRepository,
    private readonly audit: AuditService,
    private readonly idempotency: Idempotency,
    readonly files: LetterFiles,
  ) {}

  /** A letter's bytes: opened from the file store, or plain in the row if stored before 0030. */
  async letterBytes(f: {
    id: string;
    size_bytes: number | null;
    data: Uint8Array | null;
    wrapped_key: string | null;
  }): Promise<Buffer> {
    if (f.wrapped_key) return this.files.get(f.id, f.wrapped_key, f.size_bytes ?? 0);
    return Buffer.from(f.data ?? new Uint8Array());
  }

  async profile(caller: AuthenticatedCaller): Promise<InternationalProfile> {
    const patientId = patientOf(caller, 'profile');
    const p = await this.repo.patient(patientId);
    if (!p) throw notFound('This record');
    await this.record(caller, 'international.profile_view', 'Patient', patientId, patientId);
    return {
      international: p.profile_patient_id !== null || p.address_country !== 'US',
      country: p.country ?? p.address_country,
      preferredLanguage: p.profile_language ?? p.preferred_language,
      confirmed: p.confirmed_at !== null && p.confirmed_at !== undefined,
      coordinator:
        p.coordinator_user_id && p.coordinator_email
          ? { name: `${p.coordinator_given ?? ''} ${p.coordinator_family ?? ''}`.trim(), email: p.coordinator_email }
          : null,
      centerPhone: p.tech_help_phone,
    };
  }

  /** The patient confirms (or opts in with) their country and preferred language. */
  async confirm(caller: AuthenticatedCaller, body: ConfirmProfileBody): Promise<InternationalProfile> {
    const patientId = patientOf(caller, 'profile');
    const p = await this.repo.patient(patientId);
    if (!p) throw notFound('This record');
    await this.repo.upsertProfile({
      patientId,
      organizationId: p.organization_id,
      country: body.country,
      language: body.preferredLanguage.trim(),
      confirmed: true,
    });
    await this.record(caller, 'international.profile_confirm', 'Patient', patientId, patientId, {
      country: body.country,
    });
    return this.profile(caller);
  }

  async patients(caller: AuthenticatedCaller): Promise<InternationalPatient[]> {
    const rows = await this.repo.internationalPatients(staffOrg(caller));
    await this.record(caller, 'international.patient_list', 'Patient', null, null, { count: rows.length });
    return rows.map((r) => ({
      patientId: r.id,
      name: `${r.given_name} ${r.family_name}`,
      country: r.country,
      preferredLanguage: r.language,
      confirmed: r.confirmed_at !== null,
      coordinatorUserId: r.coordinator_user_id,
      coordinatorName: r.coordinator_given ? `${r.coordinator_given} ${r.coordinator_family ?? ''}`.trim() : null,
      openRequests: Number(r.open_requests),
    }));
  }

  async coordinators(caller: AuthenticatedCaller): Promise<Coordinator[]> {
    if (!caller.organizationId) return [];
    const rows = await this.repo.coordinators(caller.organizationId);
    return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}` }));
  }

  /** Staff assign a coordinator: a staff member of the patient's own organization. */
  async assignCoordinator(caller: AuthenticatedCaller, patientId: string, coordinatorUserId: string): Promise<void> {
    const p = await this.repo.patient(patientId);
    assertStaffScope(caller, p?.organization_id, 'This patient');
    if (!p) throw notFound('This patient');
    const user = await this.repo.staffUser(coordinatorUserId);
    if (!user || user.role !== 'staff' || user.organization_id !== p.organization_id || user.disabled_at) {
      throw validation([{ field: 'coordinatorUserId', message: 'Choose a staff member of this organization.' }]);
    }
    await this.repo.upsertProfile({
      patientId,
      organizationId: p.organization_id,
      country: p.country ?? p.address_country,
      language: p.profile_language ?? p.preferred_language,
      confirmed: false,
      coordinatorUserId,
    });
    await this.record(caller, 'international.coordinator_assign', 'Patient', patientId, patientId);
  }

  /** A request to the center; retry-safe with an Idempotency-Key (a retry gets the first answer). */
  async create(
    caller: AuthenticatedCaller,
    body: NewRequestBody,
    key: string | null = null,
  ): Promise<Answer<InternationalRequest>> {
    const once = this.idempotency.request(caller, 'international.request_create', key, body);
    return once.run(() => this.submit(caller, body, once));
  }

  private async submit(
    caller: AuthenticatedCaller,
    body: NewRequestBody,
    once: RetrySafeCreate,
  ): Promise<InternationalRequest> {
    const patientId = patientOf(caller, 'messages');
    const p = await this.repo.patient(patientId);
    if (!p) throw notFound('This record');
    if (!p.profile_patient_id) {
      throw new AppError(
        'international_profile_required',
        409,
        'Confirm your country and preferred language first, so the center knows how to help you.',
      );
    }
    const details = checkDetails(body.kind, body.details ?? {});
    let appointmentId: string | null = null;
    if (body.appointmentId) {
      const appt = await this.repo.patientAppointment(patientId, body.appointmentId);
      if (!appt) throw validation([{ field: 'appointmentId', message: 'Choose one of your appointments.' }]);
      appointmentId = appt.id;
    }
    const created = await this.repo.transaction((repo, trx) =>
      once.within(trx, async () => {
        const id = await repo.insertRequest({
          organizationId: p.organization_id,
          patientId,
          kind: body.kind,
          summary: body.summary.trim(),
          details,
          appointmentId,
          createdBy: caller.userId,
        });
        const view = await this.view(await this.load(id, repo), false, true, repo);
        // The request and its audit row commit together (decision 0027).
        await this.record(
          caller,
          'international.request_create',
          'ServiceRequest',
          id,
          patientId,
          { kind: body.kind },
          'allowed',
          trx,
        );
        return view;
      }),
    );
    return created;
  }

  async mine(caller: AuthenticatedCaller): Promise<InternationalRequest[]> {
    const patientId = patientOf(caller, 'messages');
    const rows = await this.repo.patientRequests(patientId);
    await this.record(caller, 'international.request_list', 'ServiceRequest', null, patientId, { count: rows.length });
    return Promise.all(rows.map((r) => this.view(r, false)));
  }

  /** The center's work list, each request with its thread so the coordinator answers in context. */
  async queue(caller: AuthenticatedCaller, status: RequestStatus | null): Promise<InternationalRequest[]> {
    const rows = await this.repo.queue(staffOrg(caller), status);
    await this.record(caller, 'international.queue', 'ServiceRequest', null, null, { count: rows.length });
    return Promise.all(rows.map((r) => this.view(r, true)));
  }

  /** One request: the patient's own (others are a 404), or any in the staff member's organization. */
  async get(caller: AuthenticatedCaller, id: string): Promise<InternationalRequest> {
    const row = await this.access(caller, id);
    await this.record(caller, 'international.request_view', 'ServiceRequest', id, row.patient_id);
    return this.view(row, caller.role === 'staff' || caller.role === 'admin');
  }

  async reply(caller: AuthenticatedCaller, id: string, body: RequestReplyBody): Promise<InternationalRequest> {
    const row = await this.access(caller, id);
    if (row.status === 'done' || row.status === 'cancelled') {
      throw new AppError('request_not_allowed', 409, 'This request is closed. Open a new one if you need more help.');
    }
    const staff = caller.role === 'staff' || caller.role === 'admin';
    await this.repo.transaction(async (repo, trx) => {
      await repo.insertReply({
        requestId: id,
        author: staff ? 'coordinator' : 'patient',
        authorUserId: caller.userId,
        body: body.body.trim(),
        sharedWithDoctor: staff && body.sharedWithDoctor === true,
      });
      if (staff && row.status === 'open') await repo.setStatus(id, 'in_progress');
      await this.record(
        caller,
        'international.request_reply',
        'ServiceRequest',
        id,
        row.patient_id,
        {},
        'allowed',
        trx,
      );
    });
    return this.view(await this.load(id), staff);
  }

  /** Staff move a request along; a patient may only cancel their own open request. */
  async setStatus(caller: AuthenticatedCaller, id: string, status: RequestStatus): Promise<InternationalRequest> {
    const row = await this.access(caller, id);
    const staff = caller.role === 'staff' || caller.role === 'admin';
    if (!staff && (status !== 'cancelled' || (row.status !== 'open' && row.status !== 'in_progress'))) {
      throw new AppError('request_not_allowed', 409, 'Only an open request can be cancelled.');
    }
    await this.repo.transaction(async (repo, trx) => {
      await repo.setStatus(id, status);
      await this.record(
        caller,
        'international.request_status',
        'ServiceRequest',
        id,
        row.patient_id,
        { status },
        'allowed',
        trx,
      );
    });
    return this.view(await this.load(id), staff);
  }

  /** A PDF sent with a letter, for the patient or the staff who can see the request. */
  async file(caller: AuthenticatedCaller, id: string, replyId: string) {
    const row = await this.access(caller, id);
    const f = await this.repo.replyFile(id, replyId);
    if (!f?.filename) throw notFound('This file');
    await this.record(caller, 'international.file_download', 'DocumentReference', replyId, row.patient_id);
    return { filename: f.filename, data: await this.letterBytes(f) };
  }

  async access(caller: AuthenticatedCaller, id: string): Promise<RequestRow> {
    const row = await this.repo.request(id);
    if (caller.role === 'staff' || caller.role === 'admin') {
      assertStaffScope(caller, row?.organization_id, 'This request');
    } else if (row?.patient_id !== patientOf(caller, 'messages')) {
      await this.record(caller, 'international.request_view', 'ServiceRequest', id, null, {}, 'denied');
      throw notFound('This request');
    }
    if (!row) throw notFound('This request');
    return row;
  }

  private async load(id: string, repo = this.repo): Promise<RequestRow> {
    const row = await repo.request(id);
    if (!row) throw notFound('This request');
    return row;
  }

  private async view(
    row: RequestRow,
    staff: boolean,
    withReplies = true,
    repo = this.repo,
  ): Promise<InternationalRequest> {
    const replies = withReplies ? await repo.replies(row.id) : [];
    const links = staff ? await repo.links(row.id) : null;
    return {
      id: row.id,
      patientId: row.patient_id,
      patientName: `${row.given_name} ${row.family_name}`,
      kind: row.kind,
      status: row.status,
      summary: row.summary,
      details: row.details as RequestDetails,
      appointmentId: row.appointment_id,
      appointmentStart: row.appointment_start?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      replies: replies.map(replyView),
      ...(links
        ? {
            doctorLinks: links.map((l) => ({
              id: l.id,
              doctorName: l.doctor_name,
              expiresAt: l.expires_at.toISOString(),
              revokedAt: l.revoked_at?.toISOString() ?? null,
            })),
          }
        : {}),
    };
  }

  private async record(
    caller: AuthenticatedCaller,
    action: string,
    entityType: string,
    entityId: string | null,
    patientId: string | null,
    detail: Record<string, string | number> = {},
    outcome: 'allowed' | 'denied' = 'allowed',
    /** The change's transaction, so the row commits with it (decision 0027). */
    trx?: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(caller, { action, entityType, entityId, patientId, outcome, detail }, trx);
  }
}

export function replyView(r: {
  id: string;
  author: 'patient' | 'coordinator' | 'doctor';
  body: string;
  shared_with_doctor: boolean;
  filename: string | null;
  size_bytes: number | null;
  created_at: Date;
}) {
  return {
    id: r.id,
    author: r.author,
    body: r.body,
    sharedWithDoctor: r.shared_with_doctor,
    attachment: r.filename ? { filename: r.filename, sizeBytes: r.size_bytes ?? 0 } : null,
    createdAt: r.created_at.toISOString(),
  };
}
