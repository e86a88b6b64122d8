import type { CreatedPhysicianLink, PhysicianLinkView } from '@portico/contracts';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { notFound } from '../../lib/errors.js';
import { acceptsDocuments } from './checklist.js';
import type { OpinionsRepository } from './repository.js';
import type { OpinionsService, UploadLimits } from './service.js';
import { AppError } from '../../lib/errors.js';

const DEFAULT_DAYS = 14;

/**
 * Upload links for the referring physician: 32 random bytes, only the hash stored, valid for
 * one request until they expire or are withdrawn. The token travels in the URL fragment, which
 * browsers never send to a server, and reaches the API in a header, so it stays out of logs.
 */
export class PhysicianLinks {
  constructor(
    private readonly repo: OpinionsRepository,
    private readonly opinions: OpinionsService,
    private readonly publicUrl: string,
    private readonly limits: UploadLimits,
  ) {}

  private get links() {
    return this.opinions.access.links;
  }

  async create(caller: AuthenticatedCaller, id: string, days = DEFAULT_DAYS): Promise<CreatedPhysicianLink> {
    const { row, access } = await this.opinions.access.forCaller(caller, id, 'opinion.link_create');
    if (!acceptsDocuments(row.status)) {
      throw new AppError(
        'opinion_status_conflict',
        409,
        'This request is finished, so no more records can be sent to it.',
      );
    }
    const { token, tokenHash } = this.links.issue();
    const expiresAt = this.links.expiresIn(days);
    // The link and its audit row commit together (decision 0027).
    const linkId = await this.repo.transaction(async (repo, trx) => {
      const newId = await repo.insertLink(id, tokenHash, expiresAt, caller.userId);
      await repo.addEvent({
        request_id: id,
        actor_user_id: caller.userId,
        actor_kind: access.kind === 'care_team' ? 'care_team' : 'patient',
        kind: 'link_created',
      });
      await this.links.record(
        caller,
        {
          action: 'opinion.link_create',
          entityId: id,
          patientId: row.patient_id,
          outcome: 'allowed',
          detail: { days },
        },
        trx,
      );
      return newId;
    });
    return {
      id: linkId,
      url: `${this.publicUrl}/second-opinions/${id}/physician-upload#${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async revoke(caller: AuthenticatedCaller, id: string, linkId: string): Promise<void> {
    const { row, access } = await this.opinions.access.forCaller(caller, id, 'opinion.link_revoke');
    const done = await this.repo.transaction(async (repo, trx) => {
      if (!(await this.links.revoke(id, linkId, trx))) return false;
      await repo.addEvent({
        request_id: id,
        actor_user_id: caller.userId,
        actor_kind: access.kind === 'care_team' ? 'care_team' : 'patient',
        kind: 'link_revoked',
      });
      await this.links.record(
        caller,
        { action: 'opinion.link_revoke', entityId: id, patientId: row.patient_id, outcome: 'allowed' },
        trx,
      );
      return true;
    });
    if (!done) throw notFound('This link');
  }

  /** What the physician sees: the hospital, the department and the files they sent. No patient details. */
  async view(caller: Caller, id: string, token: string): Promise<PhysicianLinkView> {
    const { row, access } = await this.opinions.access.forToken(caller, id, token, 'opinion.link_view');
    const link = await this.repo.links(id).then((ls) => ls.find((l) => l.id === access.linkId));
    const docs = (await this.repo.documents(id)).filter((d) => d.link_id === access.linkId);
    await this.links.record(caller, {
      action: 'opinion.link_view',
      entityId: id,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
    return {
      organizationName: row.organization_name,
      departmentName: row.department_name,
      expiresAt: (link?.expires_at ?? new Date()).toISOString(),
      ...this.limits,
      documents: docs.map((d) => ({
        filename: d.filename,
        category: d.category,
        createdAt: d.created_at.toISOString(),
      })),
    };
  }
}
