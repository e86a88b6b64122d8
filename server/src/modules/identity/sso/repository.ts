import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

/** The sign-in under way, as stored (found by the hash of the state the browser brought back). */
export interface PendingSignIn {
  nonce: string;
  code_verifier: string;
}

/** SSO links, sign-ins under way and SSO sessions. SQL only; rules live in the service. */
export class SsoRepository {
  constructor(readonly db: Kysely<Database>) {}

  async savePending(stateHash: string, nonce: string, codeVerifier: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('sso_logins')
      .values({ state_hash: stateHash, nonce, code_verifier: codeVerifier, expires_at: expiresAt })
      .execute();
  }

  /** Used once: the row is deleted as it is read, and an expired one counts as missing. */
  async takePending(stateHash: string): Promise<PendingSignIn | undefined> {
    const row = await this.db
      .deleteFrom('sso_logins')
      .where('state_hash', '=', stateHash)
      .returning(['nonce', 'code_verifier', 'expires_at'])
      .executeTakeFirst();
    if (!row || row.expires_at.getTime() <= Date.now()) return undefined;
    return { nonce: row.nonce, code_verifier: row.code_verifier };
  }

  async purgeExpired(): Promise<number> {
    const res = await this.db
      .deleteFrom('sso_logins')
      .where('expires_at', '<', sql<Date>`now()`)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async findLinkedUser(issuer: string, subject: string): Promise<string | undefined> {
    const row = await this.db
      .updateTable('sso_identities')
      .set({ last_sign_in_at: sql<Date>`now()` })
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id;
  }

  async link(issuer: string, subject: string, userId: string, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .insertInto('sso_identities')
      .values({ issuer, subject, user_id: userId, last_sign_in_at: new Date() })
      .execute();
  }

  async hasLink(issuer: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('sso_identities')
      .select('subject')
      .where('issuer', '=', issuer)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Role and organization follow the provider at every sign-in (a moved or promoted person). */
  async updateWorkforceUser(
    userId: string,
    u: { role: 'clinician' | 'staff' | 'admin'; organizationId: string; givenName: string; familyName: string },
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ role: u.role, organization_id: u.organizationId, given_name: u.givenName, family_name: u.familyName })
      .where('id', '=', userId)
      .execute();
  }

  async recordSession(sessionId: string, issuer: string, amr: string[], acr: string | null): Promise<void> {
    await this.db.insertInto('sso_sessions').values({ session_id: sessionId, issuer, amr, acr }).execute();
  }

  sessionAuthentication(sessionId: string): Promise<{ amr: string[]; acr: string | null } | undefined> {
    return this.db
      .selectFrom('sso_sessions')
      .select(['amr', 'acr'])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
  }
}
