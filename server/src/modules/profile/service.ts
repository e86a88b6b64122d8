import type { Profile, ProfileUpdateBody, RecordAccessList, RecordAccessQuery } from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { assertMayChange, profileTarget } from './access.js';
import { invalid } from './errors.js';
import { toAccessEntry, toProfile } from './dto.js';
import type { ProfileRepository, ProfileRow } from './repository.js';
import { readProfileChange } from './validate.js';

const LEGAL_FIELDS = ['givenName', 'familyName', 'birthDate'] as const;

/**
 * The patient's profile: demographics, contact details and language. Patients and proxies with
 * the profile area read and change the open record (legal name and birth date excepted); staff
 * of the patient's organization change everything, clinicians read. Every read and change is
 * audited; reading "who has looked at my record" is not (see docs/decisions/0014).
 */
export class ProfileService {
  constructor(
    private readonly repo: ProfileRepository,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async load(caller: AuthenticatedCaller, action: string, patientId?: string): Promise<ProfileRow> {
    const target = profileTarget(caller, patientId);
    const row = target.reachable ? await this.repo.profile(target.patientId, target.organizationId) : undefined;
    if (!row) {
      await this.audit.record(caller, { action, entityType: 'Patient', entityId: target.patientId, outcome: 'denied' });
      throw notFound('This patient record');
    }
    return row;
  }

  async get(caller: AuthenticatedCaller, patientId?: string): Promise<Profile> {
    const row = await this.load(caller, 'profile.read', patientId);
    await this.audit.record(caller, {
      action: 'profile.read',
      entityType: 'Patient',
      entityId: row.id,
      patientId: row.id,
      outcome: 'allowed',
    });
    return toProfile(row);
  }

  async update(caller: AuthenticatedCaller, body: ProfileUpdateBody, patientId?: string): Promise<Profile> {
    assertMayChange(caller);
    const row = await this.load(caller, 'profile.update', patientId);
    const legal = caller.role === 'staff' || caller.role === 'admin';
    const locked = legal ? [] : LEGAL_FIELDS.filter((f) => body[f] !== undefined);
    if (locked.length > 0) {
      const phone = toProfile(row).registrationPhone;
      const message = `Your legal name and date of birth can only be changed by registration. Call ${phone}.`;
      await this.audit.record(caller, {
        action: 'profile.update',
        entityType: 'Patient',
        entityId: row.id,
        patientId: row.id,
        outcome: 'denied',
        detail: { reason: 'legal_details_locked' },
      });
      throw new AppError(
        'legal_details_locked',
        403,
        message,
        locked.map((field) => ({ field, message })),
      );
    }
    const read = readProfileChange(body, { legal, today: this.clock().toISOString().slice(0, 10) });
    if ('problems' in read) throw invalid(read.problems);
    // The change and its audit row commit together (decision 0027).
    await this.repo.transaction(async (repo, trx) => {
      await repo.update(row.id, read.changes, this.clock());
      await this.audit.record(
        caller,
        {
          action: 'profile.update',
          entityType: 'Patient',
          entityId: row.id,
          patientId: row.id,
          outcome: 'allowed',
          // Which fields, never their values.
          detail: { fields: Object.keys(read.changes).sort().join(',') },
        },
        trx,
      );
    });
    const updated = await this.repo.profile(row.id);
    if (!updated) throw notFound('This patient record');
    return toProfile(updated);
  }

  /**
   * Who has looked at the open record, newest first. Only the patient and proxies whose access
   * includes the profile area may read it. Deliberately not audited itself: a row per look would
   * bury the accesses the patient came to see.
   */
  async recordAccess(caller: AuthenticatedCaller, query: RecordAccessQuery): Promise<RecordAccessList> {
    if (caller.role !== 'patient' && caller.role !== 'proxy') throw forbidden();
    const patientId = patientForArea(caller, 'profile');
    const owner = await this.repo.profile(patientId);
    if (!owner) throw notFound('This patient record');
    const limit = query.limit ?? 25;
    const rows = await this.repo.accessLog(patientId, {
      limit: limit + 1,
      ...(query.before ? { beforeId: query.before } : {}),
      excludeUserId: query.includeMine ? null : owner.user_id,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      entries: page.map((r) => toAccessEntry(r, owner.user_id, caller.userId)),
      nextCursor: rows.length > limit && last ? String(last.id) : null,
      patientName: `${owner.preferred_name ?? owner.given_name} ${owner.family_name}`,
      viewer: caller.ownPatientId === patientId ? 'patient' : 'proxy',
    };
  }
}
