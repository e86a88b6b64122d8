import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export type LockedFactor = 'totp' | 'recovery';

export interface TotpRow {
  secret_sealed: string;
  confirmed_at: Date | null;
  last_time_step: number | null;
}

/** TOTP, recovery codes, factor locks, pending sign-ins, trusted devices and step-up times. SQL only. */
export class MfaRepository {
  constructor(readonly db: Kysely<Database>) {}

  /** Runs `fn` in one transaction, with a repository bound to it. */
  transaction<T>(fn: (repo: MfaRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new MfaRepository(trx), trx));
  }

  async findTotp(userId: string): Promise<TotpRow | undefined> {
    const row = await this.db
      .selectFrom('mfa_totp')
      .select(['secret_sealed', 'confirmed_at', 'last_time_step'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && { ...row, last_time_step: row.last_time_step === null ? null : Number(row.last_time_step) };
  }

  /** A new, unconfirmed secret; replaces an earlier unconfirmed one, never a confirmed one. */
  async putUnconfirmedTotp(userId: string, sealed: string): Promise<boolean> {
    const res = await this.db
      .insertInto('mfa_totp')
      .values({ user_id: userId, secret_sealed: sealed })
      .onConflict((oc) =>
        oc
          .column('user_id')
          .doUpdateSet({ secret_sealed: sealed, created_at: new Date(), last_time_step: null })
          .where('mfa_totp.confirmed_at', 'is', null),
      )
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Records a used time step, only if it is newer than the last: two racing uses of one code cannot both win. */
  async useTimeStep(userId: string, step: number, confirm: boolean): Promise<boolean> {
    const res = await this.db
      .updateTable('mfa_totp')
      .set({
        last_time_step: step,
        ...(confirm ? { confirmed_at: sql<Date>`coalesce(confirmed_at, now())` } : {}),
      })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_time_step', 'is', null), eb('last_time_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async deleteTotp(userId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('mfa_totp').where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    // Inside the caller's transaction when it is one (a factor change and its audit row).
    const run = (fn: (db: Kysely<Database>) => Promise<void>): Promise<void> =>
      this.db.isTransaction ? fn(this.db) : this.db.transaction().execute(fn);
    await run(async (trx) => {
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
      if (hashes.length > 0) {
        await trx
          .insertInto('mfa_recovery_codes')
          .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
          .execute();
      }
    });
  }

  /** Spends a recovery code: true only the first time. */
  async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
    const row = await this.db
      .updateTable('mfa_recovery_codes')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('mfa_recovery_codes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async passkeyCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('webauthn_credentials')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---- factor locks ----

  async lockedUntil(userId: string, factor: LockedFactor): Promise<Date | null> {
    const row = await this.db
      .selectFrom('mfa_factor_locks')
      .select('locked_until')
      .where('user_id', '=', userId)
      .where('factor', '=', factor)
      .executeTakeFirst();
    return row?.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until : null;
  }

  /** Counts a wrong code; at `max` the factor locks for `lockMs` and the count starts again. Returns whether it locked now. */
  async failFactor(userId: string, factor: LockedFactor, max: number, lockMs: number): Promise<boolean> {
    const until = new Date(Date.now() + lockMs);
    const row = await this.db
      .insertInto('mfa_factor_locks')
      .values({ user_id: userId, factor, failures: 1 })
      .onConflict((oc) =>
        oc.columns(['user_id', 'factor']).doUpdateSet({ failures: sql`mfa_factor_locks.failures + 1` }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (row.failures < max) return false;
    await this.db
      .updateTable('mfa_factor_locks')
      .set({ failures: 0, locked_until: until })
      .where('user_id', '=', userId)
      .where('factor', '=', factor)
      .execute();
    return true;
  }

  async clearFactor(userId: string, factor: LockedFactor): Promise<void> {
    await this.db
      .updateTable('mfa_factor_locks')
      .set({ failures: 0 })
      .where('user_id', '=', userId)
      .where('factor', '=', factor)
      .execute();
  }

  // ---- pending sign-ins ----

  async insertPending(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('mfa_pending_sign_ins')
      .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
      .execute();
  }

  async findPending(tokenHash: string): Promise<{ id: string; user_id: string } | undefined> {
    return this.db
      .selectFrom('mfa_pending_sign_ins')
      .select(['id', 'user_id'])
      .where('token_hash', '=', tokenHash)
      .where('completed_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
  }

  /** Ends a pending sign-in; true only once. */
  async completePending(id: string): Promise<boolean> {
    const res = await this.db
      .updateTable('mfa_pending_sign_ins')
      .set({ completed_at: new Date() })
      .where('id', '=', id)
      .where('completed_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  // ---- trusted devices ----

  async insertTrustedDevice(userId: string, userAgent: string | null, expiresAt: Date): Promise<string> {
    const row = await this.db
      .insertInto('mfa_trusted_devices')
      .values({ user_id: userId, user_agent: userAgent?.slice(0, 300) ?? null, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async trustedDeviceLive(id: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('mfa_trusted_devices')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row !== undefined;
  }

  async revokeTrustedDevices(userId: string): Promise<number> {
    const res = await this.db
      .updateTable('mfa_trusted_devices')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  // ---- step-up and policy ----

  async markReauthenticated(sessionId: string): Promise<void> {
    await this.db.updateTable('sessions').set({ reauthenticated_at: new Date() }).where('id', '=', sessionId).execute();
  }

  async reauthenticatedAt(sessionId: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select('reauthenticated_at')
      .where('id', '=', sessionId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return row?.reauthenticated_at ?? null;
  }

  async organizationRequiredRoles(organizationId: string | null): Promise<string[] | null> {
    if (!organizationId) return null;
    const row = await this.db
      .selectFrom('organizations')
      .select('mfa_required_roles')
      .where('id', '=', organizationId)
      .executeTakeFirst();
    return row?.mfa_required_roles ?? null;
  }
}
