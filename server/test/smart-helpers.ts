import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { SmartAppBody, SmartAppCreated } from '@portico/contracts';
import type { Agent, TestContext } from './context.js';

export const REDIRECT = 'http://127.0.0.1:9/callback';

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers an app the way an admin would, without going through HTTP. */
export async function registerApp(ctx: TestContext, body: Partial<SmartAppBody> = {}): Promise<SmartAppCreated> {
  return ctx.services.smart.apps.register(null, {
    name: 'Test health app',
    kind: 'public',
    redirectUris: [REDIRECT],
    scopes: ['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/*.rs'],
    ...body,
  });
}

/**
 * A browser's view of oidc-provider: keeps its cookies (the interaction and resume cookies),
 * and the Portico session cookie of the signed-in person.
 */
export class OAuthBrowser {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    readonly person: Agent | null,
  ) {}

  private cookieHeader(): string {
    const parts = [...this.jar.entries()].map(([k, v]) => `${k}=${v}`);
    if (this.person) parts.push(this.person.cookie);
    return parts.join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    for (const c of res.cookies) {
      if (c.expires && c.expires.getTime() < Date.now()) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }
}

export interface AuthorizeParams {
  clientId: string;
  scope: string;
  redirectUri?: string;
  challenge?: string | null;
  state?: string;
}

export function authorizeUrl(p: AuthorizeParams): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri ?? REDIRECT,
    scope: p.scope,
    state: p.state ?? 'state-123',
    aud: 'http://localhost:8080/fhir/R4',
  });
  if (p.challenge !== null) {
    q.set('code_challenge', p.challenge ?? pkce().challenge);
    q.set('code_challenge_method', 'S256');
  }
  return `/oauth/authorize?${q.toString()}`;
}

/** Starts an authorization and returns the interaction uid the consent page would get. */
export async function startAuthorization(browser: OAuthBrowser, p: AuthorizeParams): Promise<string> {
  const res = await browser.get(authorizeUrl(p));
  if (res.statusCode !== 303) throw new Error(`authorize answered ${res.statusCode}: ${res.body}`);
  const m = /^\/smart\/authorize\/([A-Za-z0-9_-]+)$/.exec(String(res.headers.location));
  if (!m?.[1]) throw new Error(`unexpected redirect ${String(res.headers.location)}`);
  return m[1];
}

/** Follows the consent answer back through oidc-provider to the app's redirect URI. */
export async function finish(browser: OAuthBrowser, redirectTo: string): Promise<URL> {
  const res = await browser.get(new URL(redirectTo).pathname + new URL(redirectTo).search);
  if (res.statusCode !== 303) throw new Error(`resume answered ${res.statusCode}: ${res.body}`);
  const location = String(res.headers.location);
  if (!location.startsWith('http'))
    throw new Error(`resume went to ${location} ${JSON.stringify(res.headers['set-cookie'])}`);
  return new URL(location);
}

export async function tokenRequest(
  app: FastifyInstance,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/oauth/token',
    // The Host a real client would use, so the token endpoint's own URL is the expected audience.
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:8080', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

export interface TokenBody {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  scope: string;
  expires_in: number;
  patient?: string;
  token_type: string;
}

/** The whole standalone launch for a signed-in person who approves, up to the token response. */
export async function launch(
  ctx: TestContext,
  person: Agent,
  opts: {
    clientId: string;
    scope: string;
    patientId?: string | undefined;
    /** Extra token-request fields (a client assertion) and headers (client_secret_basic). */
    clientAuth?: Record<string, string>;
    headers?: Record<string, string>;
  },
): Promise<TokenBody> {
  const browser = new OAuthBrowser(ctx.app, person);
  const { verifier, challenge } = pkce();
  const uid = await startAuthorization(browser, { clientId: opts.clientId, scope: opts.scope, challenge });
  const approved = await person.inject('POST', `/api/smart/interactions/${uid}/approve`, {
    ...(opts.patientId ? { patientId: opts.patientId } : {}),
  });
  if (approved.statusCode !== 200) throw new Error(`approve answered ${approved.statusCode}: ${approved.body}`);
  const back = await finish(browser, approved.json<{ redirectTo: string }>().redirectTo);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code: ${back.toString()}`);
  const token = await tokenRequest(
    ctx.app,
    {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
      client_id: opts.clientId,
      ...opts.clientAuth,
    },
    opts.headers,
  );
  if (token.statusCode !== 200) throw new Error(`token answered ${token.statusCode}: ${token.body}`);
  return token.json<TokenBody>();
}
