import type { Configuration, KoaContextWithOIDC, default as Provider } from 'oidc-provider';
import { createAdapterClass } from './adapter.js';
import type { KeyMaterial, Sealing } from './keys.js';
import type { SmartRepository } from './repository.js';
import { SUPPORTED_SCOPES } from './scopes.js';

export const ACCESS_TOKEN_SECONDS = 3600;
/** Backend services: SMART asks for no more than five minutes. */
export const SYSTEM_TOKEN_SECONDS = 300;
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3600;

/** Paths oidc-provider answers; everything else of SMART is Portico's own routes. */
export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  jwks: '/oauth/jwks',
  revocation: '/oauth/revoke',
  introspection: '/oauth/introspect',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/logout',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
} as const;

export interface ProviderDeps {
  issuer: string;
  fhirBase: string;
  repo: SmartRepository;
  sealer: Sealing;
  keys: KeyMaterial;
  /** The user's own patient record, for the fhirUser claim; null for a proxy without one. */
  ownPatientOf(userId: string): Promise<{ patientId: string | null } | undefined>;
  /** Whether the proxy behind a request (Koa) is trusted for X-Forwarded-*. */
  trustProxy: boolean;
  /** Skip oidc-provider's guard against fetching private addresses (JWKS URLs inside the network). */
  privateJwks: boolean;
}

/**
 * The OpenID Connect / OAuth 2 server (oidc-provider, certified), configured for SMART App Launch
 * 2.0: authorization code with PKCE S256 for every client, private_key_jwt, client secrets and
 * public clients, client credentials for backend services, opaque tokens in Portico's database.
 */
export async function createProvider(deps: ProviderDeps): Promise<Provider> {
  const { repo, sealer } = deps;
  const configuration: Configuration = {
    adapter: createAdapterClass(repo, sealer),
    jwks: { keys: [deps.keys.signing] },
    cookies: { keys: deps.keys.cookieKeys, long: { signed: true }, short: { signed: true } },
    scopes: [...SUPPORTED_SCOPES],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    findAccount: async (_ctx, sub) => {
      const account = await deps.ownPatientOf(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(account.patientId ? { fhirUser: `${deps.fhirBase}/Patient/${account.patientId}` } : {}),
        }),
      };
    },
    // Every authorization asks the person (an app never gets a record silently): only the grant
    // made by this interaction's answer counts, never one remembered in the session.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/smart/authorize/${interaction.uid}` },
    routes: OAUTH_ROUTES,
    pkce: { required: () => true },
    clientAuthMethods: ['none', 'private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS384', 'ES384', 'RS256', 'ES256', 'PS256', 'PS384'],
      idTokenSigningAlgValues: ['RS256'],
    },
    responseTypes: ['code'],
    ...(deps.privateJwks
      ? {
          fetch: (input: string | URL | Request, init?: RequestInit) => {
            const { dispatcher: _guard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
            return globalThis.fetch(input, rest);
          },
        }
      : {}),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: false },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      ClientCredentials: SYSTEM_TOKEN_SECONDS,
      IdToken: 3600,
      Interaction: 3600,
      Session: 3600,
      Grant: REFRESH_TOKEN_SECONDS,
      RefreshToken: REFRESH_TOKEN_SECONDS,
    },
    // A browser app may call the token endpoint from its own origin (a registered redirect URI's).
    clientBasedCORS: (ctx, origin, client) => {
      if (origin === 'null') return false;
      if (ctx.oidc.route === 'userinfo' || client.clientAuthMethod === 'none') {
        return client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false;
      }
      return false;
    },
    // Bodies never say which part of the server failed; oidc-provider's own page is used for browsers.
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      const text = (s: unknown) => String(s).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Portico</title></head><body><main><h1>This app could not connect</h1><p>${text(out.error)}: ${text(out.error_description ?? '')}</p><p><a href="/">Go to Portico</a></p></main></body></html>`;
    },
  };
  // oidc-provider (with Koa, about 30 MiB of memory) loads with the first SMART request, not at start.
  const { default: OidcProvider } = await import('oidc-provider');
  const provider = new OidcProvider(deps.issuer, configuration);
  provider.proxy = deps.trustProxy;
  return provider;
}
