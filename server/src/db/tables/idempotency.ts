import type { Generated } from 'kysely';
import type { Json } from '../columns.js';

/** Migration 0021: the stored answer of a create a client may retry, by (user or anonymous, key hash). */
export interface IdempotentRequestsTable {
  /** Null in the anonymous scope (public registration). */
  user_id: string | null;
  /** SHA-256 (hex) of the Idempotency-Key; the key itself is never stored. */
  key_hash: string;
  /** Which create the key was first used for, e.g. `message.start`. */
  operation: string;
  /** SHA-256 of the request as the service saw it (acting patient, path ids, body). */
  request_hash: string;
  status_code: number;
  response: Json;
  created_at: Generated<Date>;
}

export interface IdempotencyTables {
  idempotent_requests: IdempotentRequestsTable;
}
