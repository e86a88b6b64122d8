import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { FilesConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import { loadMasterKey } from '../files/index.js';
import type { ProxyService } from '../proxies/index.js';
import { SmartAppService } from './apps.js';
import { SmartAuthorizations } from './authorize.js';
import { newKeyMaterial, Sealer, type KeyMaterial, type Sealing } from './keys.js';
import { createProvider, OAUTH_ROUTES } from './provider.js';
import { SmartRepository } from './repository.js';
import { effectiveScopes, SUPPORTED_SCOPES } from './scopes.js';
import { BearerVerifierService } from './verifier.js';

export interface SmartDeps {
  db: Kysely<Database>;
  audit: AuditService;
  proxies: ProxyService;
  files: FilesConfig;
  publicUrl: string;
  trustProxy: boolean;
  /** Fetch JWKS URLs on private addresses too (PORTICO_SMART_PRIVATE_JWKS). */
  privateJwks: boolean;
}

/** The job that deletes the authorization server's expired rows. */
export const SMART_PURGE_JOB = 'smart.purge';

/** The FHIR base URL apps are given (`iss`). */
export const FHIR_PATH = '/fhir/R4';

/** SMART App Launch: the authorization server, app registration, approvals and the bearer verifier. */
export class SmartModule {
  readonly repo: SmartRepository;
  readonly issuer: string;
  readonly fhirBase: string;
  #sealer: Sealer | null = null;
  #provider: Promise<Provider> | null = null;
  readonly apps: SmartAppService;
  readonly authorizations: SmartAuthorizations;
  readonly verifier: BearerVerifierService;

  constructor(private readonly deps: SmartDeps) {
    this.repo = new SmartRepository(deps.db);
    this.issuer = deps.publicUrl.replace(/\/$/, '');
    this.fhirBase = `${this.issuer}${FHIR_PATH}`;
    this.apps = new SmartAppService(this.repo, this.sealerLazy(), deps.audit);
    this.authorizations = new SmartAuthorizations(() => this.provider(), this.repo, deps.proxies, deps.audit);
    this.verifier = new BearerVerifierService(() => this.provider(), this.repo);
  }

  /** The sealer, made on first use (an app that never uses SMART never reads the master key). */
  private sealerLazy(): Sealing {
    return {
      seal: (plain: string) => this.sealer().seal(plain),
      open: (sealed: string) => this.sealer().open(sealed),
    };
  }

  private sealer(): Sealer {
    this.#sealer ??= new Sealer(loadMasterKey(this.deps.files));
    return this.#sealer;
  }

  /** The provider, built once per process with the keys every instance shares. */
  provider(): Promise<Provider> {
    this.#provider ??= this.build().catch((err: unknown) => {
      this.#provider = null;
      throw err;
    });
    return this.#provider;
  }

  private async keys(): Promise<KeyMaterial> {
    const master = loadMasterKey(this.deps.files);
    // Keys are bound to the master key: another master key (a rotation, a test run) gets its own row.
    const name = `keys:${createHash('sha256').update(master).digest('hex').slice(0, 16)}`;
    const existing = await this.repo.keyExists(name);
    const sealed =
      existing ?? (await this.repo.keyOrInsert(name, this.sealer().seal(JSON.stringify(await newKeyMaterial()))));
    return JSON.parse(this.sealer().open(sealed)) as KeyMaterial;
  }

  private async build(): Promise<Provider> {
    const provider = await createProvider({
      issuer: this.issuer,
      fhirBase: this.fhirBase,
      repo: this.repo,
      sealer: this.sealerLazy(),
      keys: await this.keys(),
      trustProxy: this.deps.trustProxy,
      privateJwks: this.deps.privateJwks,
      ownPatientOf: async (userId) => {
        const row = await this.deps.db
          .selectFrom('users as u')
          .leftJoin('patients as p', 'p.user_id', 'u.id')
          .select(['u.id', 'u.disabled_at', 'p.id as patient_id'])
          .where('u.id', '=', userId)
          .executeTakeFirst();
        return row && !row.disabled_at ? { patientId: row.patient_id } : undefined;
      },
    });
    // The token response carries the launch context (SMART's `patient`) and the scopes the grant
    // really holds for that record (limited proxy access narrows wildcards per resource type).
    provider.use(async (ctx, next) => {
      // OpenID Connect keeps offline_access only with prompt=consent; SMART apps rarely send it,
      // and Portico asks for consent on every authorization anyway, so the request says so.
      if (ctx.method === 'GET' && ctx.path === OAUTH_ROUTES.authorization) {
        const query = new URLSearchParams(ctx.querystring);
        if (query.get('scope')?.split(' ').includes('offline_access') && !query.has('prompt')) {
          query.set('prompt', 'consent');
          ctx.querystring = query.toString();
        }
      }
      await next();
      if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
      const body = ctx.body as Record<string, unknown> | undefined;
      if (!body || typeof body['access_token'] !== 'string') return;
      const token = await provider.AccessToken.find(body['access_token']);
      if (!token?.grantId) return;
      const grant = await this.repo.grant(token.grantId);
      if (!grant) return;
      if (grant.patient_id) body['patient'] = grant.patient_id;
      const types = Array.isArray(grant.allowed_types) ? (grant.allowed_types as unknown[]).map(String) : null;
      if (types && typeof body['scope'] === 'string')
        body['scope'] = effectiveScopes(body['scope'].split(' '), types).join(' ');
      await this.repo.touchGrant(grant.grant_id);
    });
    return provider;
  }

  /** `/.well-known/smart-configuration` (SMART App Launch 2.0). */
  smartConfiguration(): Record<string, unknown> {
    const url = (path: string) => `${this.issuer}${path}`;
    return {
      issuer: this.issuer,
      jwks_uri: url('/oauth/jwks'),
      authorization_endpoint: url('/oauth/authorize'),
      token_endpoint: url('/oauth/token'),
      introspection_endpoint: url('/oauth/introspect'),
      revocation_endpoint: url('/oauth/revoke'),
      userinfo_endpoint: url('/oauth/userinfo'),
      management_endpoint: url('/connected-apps'),
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'none'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384', 'RS256', 'ES256'],
      scopes_supported: [
        ...SUPPORTED_SCOPES.filter((s) => !s.includes('/') || s.includes('*') || s === 'launch/patient'),
      ],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'launch-standalone',
        'client-public',
        'client-confidential-symmetric',
        'client-confidential-asymmetric',
        'context-standalone-patient',
        'permission-offline',
        'permission-online',
        'permission-patient',
        'permission-user',
        'permission-v1',
        'permission-v2',
        'sso-openid-connect',
      ],
    };
  }

  /** Deletes oidc-provider rows that expired over a day ago. */
  async purgeExpired(): Promise<number> {
    return this.repo.purgeExpired();
  }
}
