import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../columns.js';

/** Migration 0028: the second factor (issue 13). */
export interface MfaTotpTable {
  user_id: string;
  secret_sealed: string;
  confirmed_at: NullableTimestamp;
  last_time_step: string | number | null;
  created_at: Generated<Date>;
}

export interface MfaRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface WebauthnCredentialsTable {
  id: Generated<string>;
  user_id: string;
  credential_id: string;
  public_key: Uint8Array;
  sign_count: Generated<string | number>;
  transports: Generated<string>;
  name: string;
  backed_up: Generated<boolean>;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
}

export interface WebauthnChallengesTable {
  id: Generated<string>;
  challenge: string;
  user_id: string | null;
  purpose: 'register' | 'second_factor' | 'sign_in' | 'step_up';
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface MfaFactorLocksTable {
  user_id: string;
  factor: 'totp' | 'recovery';
  failures: Generated<number>;
  locked_until: NullableTimestamp;
}

export interface MfaPendingSignInsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  completed_at: NullableTimestamp;
}

export interface MfaTrustedDevicesTable {
  id: Generated<string>;
  user_id: string;
  user_agent: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface MfaTables {
  mfa_totp: MfaTotpTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  webauthn_credentials: WebauthnCredentialsTable;
  webauthn_challenges: WebauthnChallengesTable;
  mfa_factor_locks: MfaFactorLocksTable;
  mfa_pending_sign_ins: MfaPendingSignInsTable;
  mfa_trusted_devices: MfaTrustedDevicesTable;
}
