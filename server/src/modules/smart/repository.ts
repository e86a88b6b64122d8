import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SmartAppsTable, SmartGrantsTable } from '../../db/tables/smart.js';

export type AppRow = Selectable<SmartAppsTable>;
export type GrantRow = Selectable<SmartGrantsTable>;

export interface StoredPayload {
  payload: Record<string, unknown>;
  consumedAt: Date | null;
}

/** SQL for SMART apps, approvals, oidc-provider's storage and the key row. No rules here. */
export class SmartRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `fn` in one transaction: a repository bound to it, and the transaction for the audit row. */
  transaction<T>(fn: (repo: SmartRepository, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new SmartRepository(trx), trx));
  }

  // --- apps
  async insertApp(row: {
    client_id: string;
    name: string;
    kind: AppRow['kind'];
    auth_method: AppRow['auth_method'];
    redirect_uris: string[];
    jwks_uri: string | null;
    client_secret_sealed: string | null;
    scopes: string;
    organization_id: string | null;
    created_by: string | null;
  }): Promise<AppRow> {
    return this.db
      .insertInto('smart_apps')
      .values({ ...row, redirect_uris: JSON.stringify(row.redirect_uris) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async apps(): Promise<AppRow[]> {
    return this.db.selectFrom('smart_apps').selectAll().orderBy('created_at', 'desc').execute();
  }

  async appById(id: string): Promise<AppRow | undefined> {
    return this.db.selectFrom('smart_apps').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async appByClientId(clientId: string): Promise<AppRow | undefined> {
    return this.db.selectFrom('smart_apps').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  }

  /** Disables an app, ends every approval of it and deletes every code and token it holds. */
  async disableApp(id: string): Promise<AppRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const app = await trx
        .updateTable('smart_apps')
        .set({ disabled_at: sql`now()` })
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!app) return undefined;
      const grants = await trx
        .updateTable('smart_grants')
        .set({ revoked_at: sql`now()` })
        .where('app_id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('grant_id')
        .execute();
      const ids = grants.map((g) => g.grant_id);
      if (ids.length > 0) {
        await trx.deleteFrom('smart_oidc_store').where('grant_id', 'in', ids).execute();
        await trx.deleteFrom('smart_oidc_store').where('model', '=', 'Grant').where('id', 'in', ids).execute();
      }
      await trx
        .deleteFrom('smart_oidc_store')
        .where('model', '=', 'ClientCredentials')
        .where(sql<string>`payload->>'clientId'`, '=', app.client_id)
        .execute();
      return app;
    });
  }

  // --- approvals
  async insertGrant(row: {
    grant_id: string;
    app_id: string;
    user_id: string;
    patient_id: string | null;
    scopes: string;
    allowed_types: string[] | null;
  }): Promise<void> {
    await this.db
      .insertInto('smart_grants')
      .values({ ...row, allowed_types: row.allowed_types ? JSON.stringify(row.allowed_types) : null })
      .execute();
  }

  async grant(grantId: string): Promise<GrantRow | undefined> {
    return this.db.selectFrom('smart_grants').selectAll().where('grant_id', '=', grantId).executeTakeFirst();
  }

  /** A person's live approvals, with the app's name. */
  async grantsOf(userId: string) {
    return this.db
      .selectFrom('smart_grants as g')
      .innerJoin('smart_apps as a', 'a.id', 'g.app_id')
      .leftJoin('patients as p', 'p.id', 'g.patient_id')
      .select([
        'g.grant_id',
        'g.patient_id',
        'g.scopes',
        'g.allowed_types',
        'g.created_at',
        'g.last_used_at',
        'a.name as app_name',
        'p.given_name',
        'p.family_name',
      ])
      .where('g.user_id', '=', userId)
      .where('g.revoked_at', 'is', null)
      .where('a.disabled_at', 'is', null)
      .orderBy('g.created_at', 'desc')
      .execute();
  }

  /** Ends one approval of one person and deletes its codes and tokens; false when it is not theirs or already ended. */
  async revokeGrant(grantId: string, userId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('smart_grants')
        .set({ revoked_at: sql`now()` })
        .where('grant_id', '=', grantId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .returning('grant_id')
        .executeTakeFirst();
      if (!row) return false;
      await trx.deleteFrom('smart_oidc_store').where('grant_id', '=', grantId).execute();
      await trx.deleteFrom('smart_oidc_store').where('model', '=', 'Grant').where('id', '=', grantId).execute();
      return true;
    });
  }

  /** Marks an approval used, at most once a minute, so busy apps do not write on every call. */
  async touchGrant(grantId: string): Promise<void> {
    await this.db
      .updateTable('smart_grants')
      .set({ last_used_at: sql`now()` })
      .where('grant_id', '=', grantId)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]),
      )
      .execute();
  }

  // --- oidc-provider storage
  async upsert(
    model: string,
    id: string,
    payload: Record<string, unknown>,
    expiresInSeconds: number | undefined,
  ): Promise<void> {
    const str = (k: string): string | null => (typeof payload[k] === 'string' ? (payload[k] as string) : null);
    const expires = expiresInSeconds ? new Date(Date.now() + expiresInSeconds * 1000) : null;
    const values = {
      model,
      id,
      payload: JSON.stringify(payload),
      grant_id: str('grantId'),
      uid: str('uid'),
      user_code: str('userCode'),
      expires_at: expires,
    };
    await this.db
      .insertInto('smart_oidc_store')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['model', 'id']).doUpdateSet({
          payload: values.payload,
          grant_id: values.grant_id,
          uid: values.uid,
          user_code: values.user_code,
          expires_at: values.expires_at,
        }),
      )
      .execute();
  }

  /** A stored object that has not expired. */
  async find(model: string, column: 'id' | 'uid' | 'user_code', value: string): Promise<StoredPayload | undefined> {
    const row = await this.db
      .selectFrom('smart_oidc_store')
      .select(['payload', 'consumed_at'])
      .where('model', '=', model)
      .where(column, '=', value)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    return row ? { payload: row.payload, consumedAt: row.consumed_at } : undefined;
  }

  async consume(model: string, id: string): Promise<void> {
    await this.db
      .updateTable('smart_oidc_store')
      .set({ consumed_at: sql`now()` })
      .where('model', '=', model)
      .where('id', '=', id)
      .execute();
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.db.deleteFrom('smart_oidc_store').where('model', '=', model).where('id', '=', id).execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('smart_oidc_store').where('grant_id', '=', grantId).execute();
  }

  /** Deletes what expired more than a day ago (kept a little, so a replayed code is still seen as used). */
  async purgeExpired(): Promise<number> {
    const rows = await this.db
      .deleteFrom('smart_oidc_store')
      .where('expires_at', '<', sql<Date>`now() - interval '1 day'`)
      .returning('id')
      .execute();
    return rows.length;
  }

  // --- keys
  /** The sealed key row; the first instance to start writes it, the others read the same one. */
  async keyOrInsert(name: string, sealed: string): Promise<string> {
    await this.db
      .insertInto('smart_keys')
      .values({ name, sealed })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('smart_keys')
      .select('sealed')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.sealed;
  }

  async keyExists(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('smart_keys').select('sealed').where('name', '=', name).executeTakeFirst();
    return row?.sealed;
  }
}
