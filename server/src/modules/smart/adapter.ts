import type { Adapter, AdapterPayload, ClientMetadata } from 'oidc-provider';
import type { AppRow, SmartRepository } from './repository.js';
import type { Sealing } from './keys.js';

/** The client metadata oidc-provider sees for a registered app; undefined when it is disabled. */
export function clientMetadata(app: AppRow, sealer: Sealing): ClientMetadata | undefined {
  if (app.disabled_at) return undefined;
  const redirectUris = Array.isArray(app.redirect_uris) ? (app.redirect_uris as unknown[]).map(String) : [];
  const base: ClientMetadata = {
    client_id: app.client_id,
    client_name: app.name,
    token_endpoint_auth_method: app.auth_method,
  };
  if (app.jwks_uri) base.jwks_uri = app.jwks_uri;
  if (app.client_secret_sealed) base.client_secret = sealer.open(app.client_secret_sealed);
  if (app.kind === 'backend') {
    // System clients: the scopes they may have are checked by oidc-provider itself.
    return { ...base, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: app.scopes };
  }
  return {
    ...base,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: redirectUris,
  };
}

/**
 * oidc-provider's storage over Portico's database (PGlite or PostgreSQL), so every instance sees
 * the same codes, tokens, sessions and interactions. Expired rows are never returned; a purge job
 * deletes them later. Clients come from the smart_apps table, read on every use.
 */
export function createAdapterClass(repo: SmartRepository, sealer: Sealing) {
  return class PorticoAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are registered through the admin API');
      await repo.upsert(this.model, id, payload as Record<string, unknown>, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const app = await repo.appByClientId(id);
        return app ? (clientMetadata(app, sealer) as AdapterPayload | undefined) : undefined;
      }
      return this.toPayload(await repo.find(this.model, 'id', id));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.toPayload(await repo.find(this.model, 'user_code', userCode));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.toPayload(await repo.find(this.model, 'uid', uid));
    }

    async consume(id: string): Promise<void> {
      await repo.consume(this.model, id);
    }

    async destroy(id: string): Promise<void> {
      await repo.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repo.revokeByGrantId(grantId);
    }

    private toPayload(found: Awaited<ReturnType<SmartRepository['find']>>): AdapterPayload | undefined {
      if (!found) return undefined;
      const payload = found.payload as AdapterPayload;
      return found.consumedAt ? { ...payload, consumed: Math.floor(found.consumedAt.getTime() / 1000) } : payload;
    }
  };
}
