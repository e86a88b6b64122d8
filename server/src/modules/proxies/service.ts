import type { GrantBody, OpenRecord, ProxyGrant, ProxyGrantList, RecordList } from '@portico/contracts';
import type { PortalArea } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import type { OpenRecordAccess, SessionRecordFacts } from '../../lib/session.js';
import { AppError, forbidden, notFound, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { ProxyRepository, GrantRow } from './repository.js';
import { ALL_AREAS, effectiveAreas, minorRules } from './rules.js';

export type { OpenRecordAccess, SessionRecordFacts } from '../../lib/session.js';

const today = (): string => new Date().toISOString().slice(0, 10);

function areasOf(g: GrantRow, day = today()): PortalArea[] | null {
  return effectiveAreas(
    {
      relationship: g.relationship,
      access: g.access,
      areas: g.areas,
      endsOn: g.ends_on,
      revoked: g.revoked_at !== null,
      teenConsent: g.teen_consent_at !== null,
      patientBirthDate: g.patient_birth_date,
    },
    day,
    minorRules(g.org_settings),
  );
}

/** Proxy access: who may act for whom, for what, and which record a session has open. */
export class ProxyService {
  constructor(
    private readonly repo: ProxyRepository,
    private readonly audit: AuditService,
    /** Cached session look-ups carry the open record: forgotten when it changes. */
    private readonly sessions: { forget(what: { sessionId: string } | { userId: string }): Promise<void> },
  ) {}

  /**
   * Called for every request with a session: the record it has open and what of it the caller
   * may see. A revoked or lapsed grant falls back to the caller's own record at once.
   */
  async resolve(s: SessionRecordFacts): Promise<OpenRecordAccess> {
    const own: OpenRecordAccess =
      s.role === 'patient' && s.ownPatientId
        ? { patientId: s.ownPatientId, areas: ALL_AREAS }
        : { patientId: null, areas: [] };
    if (!s.actingForPatientId || s.actingForPatientId === s.ownPatientId) return own;
    const grant = await this.repo.activeGrant(s.userId, s.actingForPatientId);
    const areas = grant ? areasOf(grant) : null;
    if (!areas || areas.length === 0) {
      await this.repo.setActingFor(s.sessionId, null);
      await this.sessions.forget({ sessionId: s.sessionId });
      return own;
    }
    return { patientId: s.actingForPatientId, areas };
  }

  async records(caller: AuthenticatedCaller, ownName: string): Promise<RecordList> {
    const records: OpenRecord[] = [];
    if (caller.role === 'patient' && caller.ownPatientId) {
      records.push({ patientId: caller.ownPatientId, name: ownName, self: true, areas: [...ALL_AREAS] });
    }
    for (const g of await this.repo.heldBy(caller.userId)) {
      const areas = areasOf(g);
      if (areas && areas.length > 0)
        records.push({ patientId: g.patient_id, name: g.patient_name, self: false, areas });
    }
    return { records, current: caller.actingForPatientId };
  }

  async open(caller: AuthenticatedCaller, patientId: string): Promise<void> {
    const self = caller.role === 'patient' && caller.ownPatientId === patientId;
    const grant = self ? undefined : await this.repo.activeGrant(caller.userId, patientId);
    const areas = grant ? areasOf(grant) : null;
    if (!self && (!areas || areas.length === 0)) {
      await this.audit.record(caller, {
        action: 'proxy.open_record',
        entityType: 'patient',
        entityId: patientId,
        outcome: 'denied',
      });
      throw notFound('This record');
    }
    await this.repo.setActingFor(caller.sessionId, self ? null : patientId);
    await this.sessions.forget({ sessionId: caller.sessionId });
    await this.audit.record(caller, {
      action: 'proxy.open_record',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      outcome: 'allowed',
      detail: { self },
    });
  }

  /** A patient gives another account access to their own record. */
  async grant(caller: AuthenticatedCaller, body: GrantBody): Promise<ProxyGrant> {
    if (caller.role !== 'patient' || !caller.ownPatientId || caller.actingForPatientId !== caller.ownPatientId) {
      throw new AppError(
        'forbidden',
        403,
        'Only the patient can share their own record. Switch back to your own record first.',
      );
    }
    return this.create(caller, caller.ownPatientId, body);
  }

  /** Staff record a parent or guardian for a patient of their organization (after checking identity). */
  async grantByStaff(caller: AuthenticatedCaller, patientId: string, body: GrantBody): Promise<ProxyGrant> {
    if (caller.role !== 'staff' && caller.role !== 'admin') throw forbidden();
    const patient = await this.repo.patient(patientId);
    if (!patient || (caller.role === 'staff' && patient.organization_id !== caller.organizationId))
      throw notFound('This patient');
    return this.create(caller, patientId, body);
  }

  private async create(caller: AuthenticatedCaller, patientId: string, body: GrantBody): Promise<ProxyGrant> {
    if (body.access === 'limited' && (!body.areas || body.areas.length === 0)) {
      throw validation([{ field: 'areas', message: 'Choose at least one part of the record to share.' }]);
    }
    if (body.endsOn && body.endsOn < today())
      throw validation([{ field: 'endsOn', message: 'The end date is in the past.' }]);
    const user = await this.repo.userByEmail(body.email);
    if (!user) {
      throw new AppError(
        'proxy_account_not_found',
        422,
        'No Portico account uses that email. Ask the person to sign up first, then share your record with the email they used.',
        [{ field: 'email', message: 'No Portico account uses this email yet.' }],
      );
    }
    if (user.own_patient_id === patientId) throw validation([{ field: 'email', message: 'That is your own account.' }]);
    if (!['patient', 'proxy'].includes(user.role)) {
      throw validation([{ field: 'email', message: 'Staff accounts cannot be given proxy access.' }]);
    }
    if (await this.repo.activeGrant(user.id, patientId)) {
      throw new AppError('conflict', 409, 'This person already has access. Withdraw it first to change it.');
    }
    // The grant and its audit row commit together or not at all (decision 0027).
    const id = await this.repo.transaction(async (repo, trx) => {
      const created = await repo.create({
        patient_id: patientId,
        proxy_user_id: user.id,
        relationship: body.relationship,
        access: body.access,
        areas: body.access === 'full' ? [...ALL_AREAS] : (body.areas ?? []),
        ends_on: body.endsOn ?? null,
        granted_by: caller.userId,
      });
      await this.audit.record(
        caller,
        {
          action: 'proxy.grant',
          entityType: 'proxy_grant',
          entityId: created,
          patientId,
          outcome: 'allowed',
          detail: { relationship: body.relationship, access: body.access },
        },
        trx,
      );
      return created;
    });
    const row = await this.repo.byId(id);
    if (!row) throw notFound('This grant');
    return toDto(row);
  }

  async list(caller: AuthenticatedCaller): Promise<ProxyGrantList> {
    const given = caller.role === 'patient' && caller.ownPatientId ? await this.repo.givenFor(caller.ownPatientId) : [];
    return { given: given.map(toDto), held: (await this.repo.heldBy(caller.userId)).map(toDto) };
  }

  /** The patient withdraws access, the proxy gives it up, or staff of the organization end it. */
  async revoke(caller: AuthenticatedCaller, grantId: string): Promise<void> {
    const g = await this.repo.byId(grantId);
    const patient = g ? await this.repo.patient(g.patient_id) : undefined;
    const allowed =
      g !== undefined &&
      patient !== undefined &&
      (g.patient_id === caller.ownPatientId ||
        g.proxy_user_id === caller.userId ||
        caller.role === 'admin' ||
        (caller.role === 'staff' && patient.organization_id === caller.organizationId));
    if (!g || !allowed) throw notFound('This grant');
    await this.repo.transaction(async (repo, trx) => {
      await repo.revoke(g.id, caller.userId);
      await this.audit.record(
        caller,
        {
          action: 'proxy.revoke',
          entityType: 'proxy_grant',
          entityId: g.id,
          patientId: g.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    // Sessions of the proxy that had this record open fell back to their own (repo.revoke).
    await this.sessions.forget({ userId: g.proxy_user_id });
  }

  /** A teen agrees that their parent keeps full access. */
  async teenConsent(caller: AuthenticatedCaller, grantId: string): Promise<ProxyGrant> {
    const g = await this.repo.byId(grantId);
    if (!g || g.patient_id !== caller.ownPatientId || caller.role !== 'patient') throw notFound('This grant');
    await this.repo.transaction(async (repo, trx) => {
      await repo.setTeenConsent(g.id);
      await this.audit.record(
        caller,
        {
          action: 'proxy.teen_consent',
          entityType: 'proxy_grant',
          entityId: g.id,
          patientId: g.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
    const row = await this.repo.byId(g.id);
    if (!row) throw notFound('This grant');
    return toDto(row);
  }
}

function toDto(g: GrantRow): ProxyGrant {
  return {
    id: g.id,
    patientId: g.patient_id,
    patientName: g.patient_name,
    proxyName: g.proxy_name,
    relationship: g.relationship,
    access: g.access,
    effectiveAreas: areasOf(g) ?? [],
    endsOn: g.ends_on,
    createdAt: g.created_at.toISOString(),
    revoked: g.revoked_at !== null,
    teenConsent: g.teen_consent_at !== null,
  };
}
