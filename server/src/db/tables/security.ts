import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../columns.js';

/** Growing-delay sign-in throttle, keyed `email:<sha256>` or `address:<ip>` (0025). */
export interface SignInThrottleTable {
  key: string;
  failures: Generated<number>;
  blocked_until: NullableTimestamp;
  owner_told_at: NullableTimestamp;
  last_failure_at: Timestamp;
}

export interface SecurityTables {
  sign_in_throttle: SignInThrottleTable;
}
