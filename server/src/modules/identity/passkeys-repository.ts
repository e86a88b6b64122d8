import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PasskeyPurpose } from './webauthn.js';

export interface CredentialRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: Uint8Array;
  sign_count: number;
  transports: string;
  name: string;
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

const COLUMNS = [
  'id',
  'user_id',
  'credential_id',
  'public_key',
  'sign_count',
  'transports',
  'name',
  'backed_up',
  'created_at',
  'last_used_at',
] as const;

type Raw = Omit<CredentialRow, 'sign_count'> & { sign_count: string | number };
const toRow = (r: Raw): CredentialRow => ({ ...r, sign_count: Number(r.sign_count) });

/** WebAuthn challenges and credentials. SQL only. */
export class PasskeysRepository {
  constructor(readonly db: Kysely<Database>) {}

  /** Runs `fn` in one transaction (a write and its audit row commit together). */
  transaction<T>(fn: (repo: PasskeysRepository, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new PasskeysRepository(trx), trx));
  }

  async insertChallenge(challenge: string, userId: string | null, purpose: PasskeyPurpose, expiresAt: Date) {
    await this.db
      .insertInto('webauthn_challenges')
      .values({ challenge, user_id: userId, purpose, expires_at: expiresAt })
      .execute();
  }

  /**
   * Spends a challenge: true only once, only before it expires, only for its purpose and account
   * (a sign-in challenge names no account).
   */
  async consumeChallenge(challenge: string, purpose: PasskeyPurpose, userId: string | null): Promise<boolean> {
    const row = await this.db
      .updateTable('webauthn_challenges')
      .set({ used_at: new Date() })
      .where('challenge', '=', challenge)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .where(sql<boolean>`user_id is not distinct from ${userId}::uuid`)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Challenges expired for a while (answered or not) are forgotten. */
  async purgeChallenges(before: Date): Promise<number> {
    const res = await this.db.deleteFrom('webauthn_challenges').where('expires_at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async listForUser(userId: string): Promise<CredentialRow[]> {
    const rows = await this.db
      .selectFrom('webauthn_credentials')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map(toRow);
  }

  async findByCredentialId(credentialId: string): Promise<CredentialRow | undefined> {
    const row = await this.db
      .selectFrom('webauthn_credentials')
      .select(COLUMNS)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /** A new credential, or undefined when that credential is already registered (to anyone). */
  async insert(c: {
    userId: string;
    credentialId: string;
    publicKey: Uint8Array;
    signCount: number;
    transports: string;
    name: string;
    backedUp: boolean;
  }): Promise<CredentialRow | undefined> {
    const row = await this.db
      .insertInto('webauthn_credentials')
      .values({
        user_id: c.userId,
        credential_id: c.credentialId,
        public_key: c.publicKey,
        sign_count: c.signCount,
        transports: c.transports,
        name: c.name,
        backed_up: c.backedUp,
      })
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /**
   * Records a use. Conditional on the counter read before: of two racing uses with one counter,
   * only one wins.
   */
  async recordUse(id: string, readCount: number, newCount: number, backedUp: boolean): Promise<boolean> {
    const res = await this.db
      .updateTable('webauthn_credentials')
      .set({ sign_count: newCount, backed_up: backedUp, last_used_at: new Date() })
      .where('id', '=', id)
      .where('sign_count', '=', readCount)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async rename(userId: string, id: string, name: string): Promise<CredentialRow | undefined> {
    const row = await this.db
      .updateTable('webauthn_credentials')
      .set({ name })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRow(row);
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('webauthn_credentials')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
}
