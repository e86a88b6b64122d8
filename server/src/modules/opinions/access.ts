import type { Caller } from '../../lib/caller.js';
import { isWorkforce, patientForArea } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { CapabilityLinks } from '../../lib/capability-links.js';
import type { AuditService } from '../audit/index.js';
import type { OpinionsRepository } from './repository.js';

/**
 * Who may touch a second-opinion request: the patient (or a proxy whose grant includes
 * appointments, where consultations live), the care team of the request's organization, or a
 * referring physician holding an upload link for that one request. Anyone else gets the same 404
 * as for a request that does not exist, and the refusal is audited.
 */
export type OpinionAccess =
  | { kind: 'patient'; caller: Caller }
  | { kind: 'care_team'; caller: Caller }
  | { kind: 'link'; caller: Caller; linkId: string };

export const PROXY_AREA = 'appointments' as const;

export type RequestRow = NonNullable<Awaited<ReturnType<OpinionsRepository['request']>>>;

export class OpinionAccessRules {
  constructor(
    private readonly repo: OpinionsRepository,
    private readonly audit: AuditService,
    /** Physician upload links (capability links scoped to one request). */
    readonly links: CapabilityLinks,
  ) {}

  /** The request, if this signed-in caller may see it. */
  async forCaller(
    caller: Caller,
    requestId: string,
    action: string,
  ): Promise<{ row: RequestRow; access: OpinionAccess }> {
    const row = await this.repo.request(requestId);
    if (row && isWorkforce(caller) && caller.organizationId === row.organization_id) {
      return { row, access: { kind: 'care_team', caller } };
    }
    if (row && (caller.role === 'patient' || caller.role === 'proxy') && caller.actingForPatientId === row.patient_id) {
      patientForArea(caller, PROXY_AREA);
      return { row, access: { kind: 'patient', caller } };
    }
    await this.deny(caller, requestId, action);
    throw notFound('This second-opinion request');
  }

  /** The request a physician's upload link opens; any other request is a 404. */
  async forToken(caller: Caller, requestId: string, token: string, action: string) {
    const opened = await this.links.open(token, requestId);
    if (opened.state === 'unknown') {
      await this.deny(caller, requestId, action);
      throw notFound('This second-opinion request');
    }
    if (opened.state !== 'open') {
      await this.deny(caller, requestId, action);
      throw new AppError(
        'upload_link_expired',
        410,
        'This upload link has expired or was withdrawn. Ask the patient or the hospital for a new one.',
      );
    }
    const row = await this.repo.request(requestId);
    if (!row) throw notFound('This second-opinion request');
    return { row, access: { kind: 'link' as const, caller, linkId: opened.link.id } };
  }

  /** Session or link, whichever the request carries: a link header wins, so a signed-in physician can use one too. */
  resolve(caller: Caller, requestId: string, token: string | undefined, action: string) {
    if (token) return this.forToken(caller, requestId, token, action);
    if (!caller.userId) throw new AppError('unauthenticated', 401, 'Please sign in to continue.');
    return this.forCaller(caller, requestId, action);
  }

  private async deny(caller: Caller, requestId: string, action: string): Promise<void> {
    await this.audit.record(caller, { action, entityType: 'ServiceRequest', entityId: requestId, outcome: 'denied' });
  }
}

export const actorKind = (access: OpinionAccess) =>
  access.kind === 'care_team' ? 'care_team' : access.kind === 'link' ? 'physician_link' : 'patient';
