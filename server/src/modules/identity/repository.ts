import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EmailTokensTable, UsersTable } from '../../db/schema.js';
import { MfaRepository } from './mfa-repository.js';

export type EmailTokenPurpose = EmailTokensTable['purpose'];

export interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  role: UsersTable['role'];
  given_name: string;
  family_name: string;
  organization_id: string | null;
  email_verified_at: Date | null;
  failed_login_count: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}

export interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  ended_at: Date | null;
  role: UsersTable['role'];
  email: string;
  given_name: string;
  family_name: string;
  organization_id: string | null;
  patient_id: string | null;
  clinician_id: string | null;
  acting_for_patient_id: string | null;
  disabled_at: Date | null;
  /** The organization's own list of roles that need a second factor (null: the server default). */
  mfa_required_roles: string[] | null;
  mfa_enrolled: boolean;
  language: string | null;
}

const USER_COLUMNS = [
  'id',
  'email',
  'password_hash',
  'role',
  'given_name',
  'family_name',
  'organization_id',
  'email_verified_at',
  'failed_login_count',
  'locked_until',
  'disabled_at',
  'created_at',
] as const;

/** Users, sessions, one-time tokens and activation codes. SQL only; rules live in the services. */
export class IdentityRepository {
  constructor(readonly db: Kysely<Database>) {}

  transaction<T>(fn: (repo: IdentityRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new IdentityRepository(trx), trx));
  }

  findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
  }

  /** Saves the language a person chose to read Portico in on their account. */
  async setUserLanguage(userId: string, language: string): Promise<void> {
    await this.db.updateTable('users').set({ language }).where('id', '=', userId).execute();
  }

  /**
   * The language to write to an account in: its own patient record's preferred language, else the
   * language its owner chose to read Portico in (workforce accounts have no patient record).
   */
  async preferredLanguageOfUser(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users as u')
      .leftJoin('patients as p', 'p.user_id', 'u.id')
      .select(['p.preferred_language', 'u.language'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    return row?.preferred_language ?? row?.language ?? null;
  }

  findUserById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async insertUser(u: {
    email: string;
    passwordHash: string | null;
    role: UsersTable['role'];
    givenName: string;
    familyName: string;
    organizationId: string | null;
    emailVerified: boolean;
  }): Promise<UserRow> {
    return this.db
      .insertInto('users')
      .values({
        email: u.email,
        password_hash: u.passwordHash,
        role: u.role,
        given_name: u.givenName,
        family_name: u.familyName,
        organization_id: u.organizationId,
        email_verified_at: u.emailVerified ? new Date() : null,
        password_changed_at: u.passwordHash ? new Date() : null,
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
  }

  async setPassword(userId: string, hash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: new Date(), failed_login_count: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
  }

  async markEmailVerified(userId: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ email_verified_at: sql`coalesce(email_verified_at, now())` })
      .where('id', '=', userId)
      .execute();
  }

  listUsers(f: { q?: string; role?: string; organizationId?: string | null; limit: number }): Promise<UserRow[]> {
    let q = this.db.selectFrom('users').select(USER_COLUMNS);
    if (f.role) q = q.where('role', '=', f.role as UsersTable['role']);
    if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([eb('email', 'ilike', like), eb('given_name', 'ilike', like), eb('family_name', 'ilike', like)]),
      );
    }
    return q.orderBy('created_at', 'desc').limit(f.limit).execute();
  }

  // ---- sessions ----

  async insertSession(s: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    idleExpiresAt: Date;
    absoluteExpiresAt: Date;
    ip: string;
    userAgent: string | null;
  }): Promise<{ id: string }> {
    return this.db
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        last_seen_at: new Date(),
        idle_expires_at: s.idleExpiresAt,
        absolute_expires_at: s.absoluteExpiresAt,
        ip: s.ip,
        user_agent: s.userAgent,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  findSessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('patients as p', 'p.user_id', 'u.id')
      .leftJoin('clinicians as c', 'c.user_id', 'u.id')
      .leftJoin('organizations as o', 'o.id', 'u.organization_id')
      .select([
        's.id',
        's.user_id',
        's.csrf_token',
        's.last_seen_at',
        's.idle_expires_at',
        's.absolute_expires_at',
        's.ended_at',
        'u.role',
        'u.email',
        'u.given_name',
        'u.family_name',
        'u.organization_id',
        'u.disabled_at',
        'p.id as patient_id',
        'c.id as clinician_id',
        's.acting_for_patient_id',
        'o.mfa_required_roles',
        sql<boolean>`(exists (select 1 from mfa_totp t where t.user_id = u.id and t.confirmed_at is not null)
          or exists (select 1 from webauthn_credentials w where w.user_id = u.id)
          or exists (select 1 from sso_sessions x where x.session_id = s.id))`.as('mfa_enrolled'),
        'u.language',
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async touchSession(id: string, idleExpiresAt: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({
        last_seen_at: new Date(),
        idle_expires_at: sql`least(${idleExpiresAt}::timestamptz, absolute_expires_at)`,
      })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }

  async endSession(id: string, reason: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ ended_at: new Date(), end_reason: reason })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }

  /** Ends every open session of a user except `keepId` (null ends all). Returns how many ended. */
  async endUserSessions(userId: string, keepId: string | null, reason: string): Promise<number> {
    let q = this.db
      .updateTable('sessions')
      .set({ ended_at: new Date(), end_reason: reason })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null);
    if (keepId) q = q.where('id', '!=', keepId);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /**
   * Ends "trust this device" everywhere for a user (a new password ends the trust given under the
   * old one); in the caller's transaction when it is one. Returns how many ended.
   */
  async revokeTrustedDevices(userId: string): Promise<number> {
    return new MfaRepository(this.db).revokeTrustedDevices(userId);
  }

  // ---- one-time email tokens ----

  async insertEmailToken(
    userId: string,
    purpose: EmailTokenPurpose,
    tokenHash: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.db
      .insertInto('email_tokens')
      .values({ user_id: userId, purpose, token_hash: tokenHash, expires_at: expiresAt })
      .execute();
  }

  /** Marks a token used and returns its user, only if it was unused and unexpired: single use by construction. */
  async consumeEmailToken(tokenHash: string, purpose: EmailTokenPurpose): Promise<string | null> {
    const row = await this.db
      .updateTable('email_tokens')
      .set({ used_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id ?? null;
  }

  async invalidateEmailTokens(userId: string, purpose: EmailTokenPurpose): Promise<void> {
    await this.db
      .updateTable('email_tokens')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }

  // ---- activation codes ----

  async insertActivationCode(
    patientId: string,
    codeHash: string,
    expiresAt: Date,
    createdBy: string | null,
  ): Promise<void> {
    // A new code replaces any earlier unused one for the same patient.
    await this.db
      .updateTable('activation_codes')
      .set({ used_at: new Date() })
      .where('patient_id', '=', patientId)
      .where('used_at', 'is', null)
      .execute();
    await this.db
      .insertInto('activation_codes')
      .values({ patient_id: patientId, code_hash: codeHash, expires_at: expiresAt, created_by: createdBy })
      .execute();
  }

  /** A live (unused, unexpired) code with the facts needed to check it, locked for this transaction. */
  findLiveActivationCode(codeHash: string): Promise<
    | {
        id: string;
        patient_id: string;
        failed_attempts: number;
        birth_date: string;
        patient_user_id: string | null;
        given_name: string;
        family_name: string;
        organization_id: string;
      }
    | undefined
  > {
    return this.db
      .selectFrom('activation_codes as a')
      .innerJoin('patients as p', 'p.id', 'a.patient_id')
      .select([
        'a.id',
        'a.patient_id',
        'a.failed_attempts',
        'p.birth_date',
        'p.user_id as patient_user_id',
        'p.given_name',
        'p.family_name',
        'p.organization_id',
      ])
      .where('a.code_hash', '=', codeHash)
      .where('a.used_at', 'is', null)
      .where('a.expires_at', '>', new Date())
      .forUpdate('a')
      .executeTakeFirst();
  }

  /** Counts a wrong date of birth; the code dies after `max` wrong tries. */
  async failActivationCode(id: string, max: number): Promise<void> {
    await this.db
      .updateTable('activation_codes')
      .set({
        failed_attempts: sql`failed_attempts + 1`,
        used_at: sql`case when failed_attempts + 1 >= ${max} then now() else null end`,
      })
      .where('id', '=', id)
      .execute();
  }

  async useActivationCode(id: string): Promise<void> {
    await this.db.updateTable('activation_codes').set({ used_at: new Date() }).where('id', '=', id).execute();
  }

  /** Links a patient record to a new account; fails (returns false) if it already has one. */
  async linkPatientAccount(patientId: string, userId: string): Promise<boolean> {
    const res = await this.db
      .updateTable('patients')
      .set({ user_id: userId })
      .where('id', '=', patientId)
      .where('user_id', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async insertPatientForUser(p: {
    userId: string;
    organizationId: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    email: string;
  }): Promise<{ id: string }> {
    return this.db
      .insertInto('patients')
      .values({
        user_id: p.userId,
        organization_id: p.organizationId,
        given_name: p.givenName,
        family_name: p.familyName,
        birth_date: p.birthDate,
        email: p.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
}
