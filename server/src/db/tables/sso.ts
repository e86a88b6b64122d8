import type { Generated } from 'kysely';
import type { Timestamp } from '../columns.js';

/** Workforce accounts linked to the hospital's OpenID provider by (issuer, sub) (0029). */
export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
  last_sign_in_at: Timestamp;
}

/** Sign-ins under way: nonce and PKCE verifier, keyed by the hash of the state the browser holds. */
export interface SsoLoginsTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

/** Sessions that began at the provider, with the provider's amr/acr. */
export interface SsoSessionsTable {
  session_id: string;
  issuer: string;
  amr: string[];
  acr: string | null;
  created_at: Generated<Date>;
}

export interface SsoTables {
  sso_identities: SsoIdentitiesTable;
  sso_logins: SsoLoginsTable;
  sso_sessions: SsoSessionsTable;
}
