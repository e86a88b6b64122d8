import type { GuestInvite, GuestInviteBody, GuestVisit } from '@portico/contracts';
import { anonymousCaller, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { CapabilityLinks } from '../../lib/capability-links.js';
import { hashToken, randomToken } from '../../lib/tokens.js';
import type { MailService } from '../mail/index.js';
import { mayInvite, type Viewer } from './access.js';
import type { VisitBus } from './bus.js';
import type { GuestRepository, GuestRow } from './guest-repository.js';
import type { PresenceRepository } from './presence-repository.js';
import type { VisitRepository, VisitRow } from './repository.js';
import type { VisitService } from './service.js';

/** An invitation stops working this long after the planned end, if no one ended the visit sooner. */
const GRACE_MS = 2 * 3_600_000;
const invalid = () =>
  new AppError(
    'invitation_invalid',
    404,
    'This invitation link does not work (it may have expired or been withdrawn). Ask the person who invited you for a new one.',
  );

export function invitationOpen(row: VisitRow, guest: GuestRow, now = new Date()): boolean {
  return (
    guest.revoked_at === null &&
    row.status !== 'finished' &&
    row.status !== 'cancelled' &&
    row.appointment_status !== 'cancelled' &&
    now.getTime() < row.end_at.getTime() + GRACE_MS
  );
}

/** Guest and interpreter links: 128-bit random, one visit only, revocable, one holder at a time. */
export class GuestService {
  constructor(
    private readonly visits: VisitService,
    private readonly repo: VisitRepository,
    private readonly guests: GuestRepository,
    private readonly presence: PresenceRepository,
    private readonly mail: MailService,
    private readonly bus: VisitBus,
    private readonly publicUrl: string,
    private readonly links: CapabilityLinks,
  ) {}

  private async inviter(
    caller: AuthenticatedCaller,
    appointmentId: string,
  ): Promise<{ row: VisitRow; viewer: Viewer }> {
    const loaded = await this.visits.load(caller, appointmentId);
    if (!mayInvite(loaded.viewer, loaded.row.org_settings)) throw forbidden();
    return loaded;
  }

  async invite(caller: AuthenticatedCaller, appointmentId: string, body: GuestInviteBody): Promise<GuestInvite> {
    const { row } = await this.inviter(caller, appointmentId);
    if (row.status === 'finished' || row.status === 'cancelled') {
      throw new AppError('visit_closed', 409, 'This visit has ended or was cancelled.');
    }
    const { token, tokenHash } = this.links.issue();
    // The invitation and its audit row commit together (decision 0027); the email goes only after,
    // so no one is sent a link that was never kept.
    const guest = await this.repo.transaction(async (_repo, trx) => {
      const created = await this.guests.with(trx).create({
        encounter_id: row.encounter_id,
        kind: body.kind,
        token_hash: tokenHash,
        label: body.label.trim(),
        email: body.email ?? null,
        language: body.language ?? null,
        page_language: body.pageLanguage ?? null,
        created_by: caller.userId,
      });
      await this.links.record(
        caller,
        {
          action: 'visit.guest_invite',
          entityId: created.id,
          patientId: row.patient_id,
          outcome: 'allowed',
          detail: { kind: body.kind, emailed: Boolean(body.email) },
        },
        trx,
      );
      return created;
    });
    // The token rides in the fragment, so it never reaches server logs or Referer headers.
    // The page language rides in the query (no secret in it), so the page opens in it at once.
    const lang = body.pageLanguage ? `?lang=${encodeURIComponent(body.pageLanguage)}` : '';
    const link = `${this.publicUrl}/visit/join${lang}#${token}`;
    if (body.email) {
      // In the language chosen when the link was made, else English (a guest has no account).
      await this.mail.sendTo(
        body.email,
        (tr) => ({
          subject: tr.t('email.invitation.subject'),
          lines: [
            tr.t('email.invitation.body', { at: tr.dateTime(row.start_at, row.time_zone) }),
            '',
            tr.t('email.invitation.steps'),
            '',
            link,
            '',
            tr.t('email.invitation.once'),
          ],
        }),
        { lang: body.language ?? 'en' },
      );
    }
    return { ...toDto(guest), link };
  }

  async list(caller: AuthenticatedCaller, appointmentId: string): Promise<GuestInvite[]> {
    const { row } = await this.inviter(caller, appointmentId);
    return (await this.guests.list(row.encounter_id)).map(toDto);
  }

  async revoke(caller: AuthenticatedCaller, appointmentId: string, guestId: string): Promise<void> {
    const { row } = await this.inviter(caller, appointmentId);
    const guest = await this.guests.byId(row.encounter_id, guestId);
    if (!guest) throw notFound('This invitation');
    // The revoke, the guest's leaving and the audit row commit together; the guest is told after.
    const removed = await this.repo.transaction(async (_repo, trx) => {
      await this.links.revoke(row.encounter_id, guest.id, trx);
      const presence = this.presence.with(trx);
      const live = await presence.liveOf(row.encounter_id, { userId: null, guestId: guest.id });
      for (const p of live) await presence.leave(p.id);
      await this.links.record(
        caller,
        { action: 'visit.guest_revoke', entityId: guest.id, patientId: row.patient_id, outcome: 'allowed' },
        trx,
      );
      return live;
    });
    for (const p of removed) {
      await this.bus.publish({ kind: 'kick', encounterId: row.encounter_id, participantId: p.id, reason: 'removed' });
    }
    await this.bus.publish({ kind: 'visit', encounterId: row.encounter_id });
  }

  /** A guest opens the link and gives a name: they get a holder secret (a cookie) for this visit only. */
  async claim(
    token: string,
    name: string,
    ip: string,
    requestId: string,
  ): Promise<{ secret: string; visit: GuestVisit }> {
    const link = await this.links.find(token);
    const guest = link ? await this.guests.byId(link.scopeId, link.id) : undefined;
    const row = guest ? await this.repo.visitByEncounter(guest.encounter_id) : undefined;
    const caller = anonymousCaller(ip, requestId);
    if (!guest || !row || !invitationOpen(row, guest)) {
      await this.links.record(caller, { action: 'visit.guest_claim', outcome: 'denied' });
      throw invalid();
    }
    if ((await this.presence.liveOf(row.encounter_id, { userId: null, guestId: guest.id })).length > 0) {
      throw new AppError(
        'invitation_in_use',
        409,
        'Someone is already using this invitation. Each link lets one person in at a time.',
      );
    }
    const secret = randomToken(32);
    // The new holder and the audit row commit together (decision 0027).
    await this.repo.transaction(async (_repo, trx) => {
      await this.guests.with(trx).claim(guest.id, hashToken(secret), name.trim());
      await this.links.record(
        caller,
        {
          action: 'visit.guest_claim',
          entityId: guest.id,
          patientId: row.patient_id,
          outcome: 'allowed',
          detail: { kind: guest.kind },
        },
        trx,
      );
    });
    return { secret, visit: guestVisit(row, { ...guest, holder_name: name.trim() }) };
  }

  /** The invitation and visit behind a guest's cookie, while it still works. */
  async fromSecret(secret: string | undefined): Promise<{ guest: GuestRow; row: VisitRow } | null> {
    if (!secret || secret.length > 100) return null;
    const guest = await this.guests.byHolderHash(hashToken(secret));
    if (!guest) return null;
    const row = await this.repo.visitByEncounter(guest.encounter_id);
    if (!row || !invitationOpen(row, guest)) return null;
    return { guest, row };
  }

  async current(secret: string | undefined): Promise<GuestVisit> {
    const found = await this.fromSecret(secret);
    if (!found) throw invalid();
    return guestVisit(found.row, found.guest);
  }
}

export function guestViewer(guest: GuestRow): Viewer {
  return { role: guest.kind, userId: null, guestId: guest.id, displayName: guest.holder_name ?? guest.label };
}

function guestVisit(row: VisitRow, guest: GuestRow): GuestVisit {
  return {
    appointmentId: row.appointment_id,
    kind: guest.kind,
    name: guest.holder_name ?? '',
    start: row.start_at.toISOString(),
    timeZone: row.time_zone,
    organizationName: row.organization_name,
    techHelpPhone: row.organization_phone,
    pageLanguage: guest.page_language,
  };
}

function toDto(g: GuestRow): GuestInvite {
  return {
    id: g.id,
    kind: g.kind,
    label: g.label,
    language: g.language,
    pageLanguage: g.page_language,
    createdAt: g.created_at.toISOString(),
    revoked: g.revoked_at !== null,
    inUseBy: g.revoked_at === null ? g.holder_name : null,
  };
}
