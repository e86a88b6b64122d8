import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../columns.js';

/** Migration 0024: apps registered for SMART App Launch and backend services. */
export interface SmartAppsTable {
  id: Generated<string>;
  client_id: string;
  name: string;
  kind: 'public' | 'confidential' | 'backend';
  auth_method: 'none' | 'private_key_jwt' | 'client_secret_basic';
  redirect_uris: Json;
  jwks_uri: string | null;
  client_secret_sealed: string | null;
  scopes: string;
  created_by: string | null;
  created_at: Generated<Date>;
  disabled_at: NullableTimestamp;
  /** Migration 0031: a backend service bound to one organization (null: every organization). */
  organization_id: Generated<string | null>;
}

/** What a person approved for an app. */
export interface SmartGrantsTable {
  grant_id: string;
  app_id: string;
  user_id: string;
  patient_id: string | null;
  scopes: string;
  allowed_types: Json | null;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** oidc-provider's storage, one row per stored object. */
export interface SmartOidcStoreTable {
  model: string;
  id: string;
  payload: Json;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: NullableTimestamp;
  consumed_at: NullableTimestamp;
}

export interface SmartKeysTable {
  name: string;
  sealed: string;
  created_at: Generated<Timestamp>;
}

export interface SmartTables {
  smart_apps: SmartAppsTable;
  smart_grants: SmartGrantsTable;
  smart_oidc_store: SmartOidcStoreTable;
  smart_keys: SmartKeysTable;
}
