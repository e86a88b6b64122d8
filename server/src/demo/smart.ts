import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The demo SMART app: a public client (PKCE, no secret) for the README's "Connect an app" walk-through. */
export const DEMO_SMART_APP = {
  clientId: 'portico-demo-app',
  name: 'Harbor Health Companion (demo app)',
  redirectUris: ['http://127.0.0.1:8765/callback', 'http://localhost:8765/callback'],
  scopes: 'openid fhirUser launch/patient offline_access patient/*.rs',
} as const;

/** Registers the demo app once; a no-op when it is there (also when an admin disabled it). */
export async function ensureDemoSmartApp(db: Kysely<Database>): Promise<void> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('public.smart_apps') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return;
  await db
    .insertInto('smart_apps')
    .values({
      client_id: DEMO_SMART_APP.clientId,
      name: DEMO_SMART_APP.name,
      kind: 'public',
      auth_method: 'none',
      redirect_uris: JSON.stringify(DEMO_SMART_APP.redirectUris),
      scopes: DEMO_SMART_APP.scopes,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
}
