import type {
  AssignSpecialistBody,
  DeliverOpinionBody,
  OpinionRequest,
  OpinionSpecialists,
  OpinionStatusBody,
  RequestInfoBody,
  ScheduleOpinionBody,
} from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { notFound, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { RequestRow } from './access.js';
import { requireTransition, type OpinionAction } from './checklist.js';
import type { OpinionNotices } from './notices.js';
import type { OpinionsRepository } from './repository.js';
import type { OpinionsService } from './service.js';
import type { OpinionStatusValue } from '../../db/tables/opinions.js';

/** The care team's side: assign, ask for more, start review, schedule, deliver the opinion, close. */
export class OpinionTriage {
  constructor(
    private readonly repo: OpinionsRepository,
    private readonly opinions: OpinionsService,
    private readonly notices: OpinionNotices,
    private readonly audit: AuditService,
  ) {}

  private async careTeam(caller: AuthenticatedCaller, id: string, action: string): Promise<RequestRow> {
    const { row, access } = await this.opinions.access.forCaller(caller, id, action);
    if (access.kind !== 'care_team') {
      // The patient sees the request, but cannot act for the care team: same answer as a stranger.
      throw notFound('This second-opinion request');
    }
    return row;
  }

  async specialists(caller: AuthenticatedCaller, id: string): Promise<OpinionSpecialists> {
    const row = await this.careTeam(caller, id, 'opinion.specialists');
    const rows = await this.repo.specialists(row.organization_id, row.service_line_code);
    return {
      specialists: rows.map((c) => ({ id: c.id, name: `${c.given_name} ${c.family_name}`, specialty: c.specialty })),
    };
  }

  /** Runs one status-changing step under the request's row lock, records it and audits it, all in one transaction. */
  private async step(
    caller: AuthenticatedCaller,
    id: string,
    action: OpinionAction,
    run: (
      repo: OpinionsRepository,
      row: RequestRow,
    ) => Promise<{ status?: OpinionStatusValue; note?: string; kind: string }>,
  ): Promise<RequestRow> {
    const row = await this.careTeam(caller, id, `opinion.${action}`);
    await this.repo.transaction(async (repo, trx) => {
      const locked = await repo.lock(id);
      if (!locked) throw notFound('This second-opinion request');
      requireTransition(action, locked.status);
      const result = await run(repo, row);
      if (result.status) await repo.updateRequest(id, { status: result.status });
      else await repo.updateRequest(id, {});
      await repo.addEvent({
        request_id: id,
        actor_user_id: caller.userId,
        actor_kind: 'care_team',
        kind: result.kind as 'status',
        status: result.status ?? null,
        note: result.note ?? null,
      });
      // The step and its audit row commit together (decision 0027).
      await this.audit.record(
        caller,
        {
          action: `opinion.${action}`,
          entityType: 'ServiceRequest',
          entityId: id,
          patientId: row.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    return row;
  }

  async assign(caller: AuthenticatedCaller, id: string, body: AssignSpecialistBody): Promise<OpinionRequest> {
    let email: string | null = null;
    await this.step(caller, id, 'assign', async (repo, row) => {
      const c = await repo.clinician(body.clinicianId);
      if (!c || c.organization_id !== row.organization_id) {
        throw validation([{ field: 'clinicianId', message: 'Choose a specialist from this organization.' }]);
      }
      email = c.email;
      await repo.updateRequest(id, { specialist_id: c.id });
      return { kind: 'assigned', note: `${c.given_name} ${c.family_name}` };
    });
    await this.notices.assigned(email, id);
    return this.opinions.detail(caller, id);
  }

  /** Lists what is needed, adds each to the checklist, and tells the patient (without saying what). */
  async requestInfo(caller: AuthenticatedCaller, id: string, body: RequestInfoBody): Promise<OpinionRequest> {
    const items = body.items.map((i) => i.trim()).filter((i) => i !== '');
    if (items.length === 0) throw validation([{ field: 'items', message: 'Say what is needed.' }]);
    const row = await this.step(caller, id, 'request_info', async (repo) => {
      await repo.addNeeds(id, items, caller.userId);
      const message = body.message?.trim();
      return {
        kind: 'info_requested',
        status: 'records_pending',
        note: [items.join('; '), message].filter(Boolean).join('\n'),
      };
    });
    await this.notices.infoRequested(row.patient_email, id);
    return this.opinions.detail(caller, id);
  }

  async setStatus(caller: AuthenticatedCaller, id: string, body: OpinionStatusBody): Promise<OpinionRequest> {
    const action = body.status === 'closed' ? 'close' : 'start_review';
    await this.step(caller, id, action, async () => ({
      kind: 'status',
      status: body.status,
      ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    }));
    return this.opinions.detail(caller, id);
  }

  /** Links a consultation booked through the scheduling API (same patient, same organization). */
  async schedule(caller: AuthenticatedCaller, id: string, body: ScheduleOpinionBody): Promise<OpinionRequest> {
    await this.step(caller, id, 'schedule', async (repo, row) => {
      const appt = await repo.appointment(body.appointmentId);
      if (!appt || appt.patient_id !== row.patient_id || appt.organization_id !== row.organization_id) {
        throw validation([{ field: 'appointmentId', message: "Choose one of this patient's appointments." }]);
      }
      if (appt.status === 'cancelled') {
        throw validation([{ field: 'appointmentId', message: 'This appointment was cancelled.' }]);
      }
      await repo.updateRequest(id, { appointment_id: appt.id });
      return { kind: 'scheduled', status: 'scheduled' };
    });
    return this.opinions.detail(caller, id);
  }

  async deliver(caller: AuthenticatedCaller, id: string, body: DeliverOpinionBody): Promise<OpinionRequest> {
    const text = body.text.trim();
    if (!text) throw validation([{ field: 'text', message: 'Write the opinion.' }]);
    const row = await this.step(caller, id, 'deliver', async (repo) => {
      await repo.updateRequest(id, { opinion_text: text, opinion_by: caller.userId, opinion_at: new Date() });
      return { kind: 'opinion_delivered', status: 'opinion_delivered' };
    });
    await this.notices.opinionDelivered(row.patient_email, id);
    return this.opinions.detail(caller, id);
  }
}
