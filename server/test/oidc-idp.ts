import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** A person at the test hospital's identity provider (what its ID token and userinfo say). */
export interface IdpAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  groups?: string[];
  organization?: string;
  /** How the person signed in at the provider (ID token amr). */
  amr?: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  close(): Promise<void>;
}

export const IDP_CLIENT_SECRET = 'test-hospital-client-secret-0123456789';

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const escape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A real OpenID Connect provider (oidc-provider, certified) on its own port, standing in for a
 * hospital's Entra ID / Okta / Keycloak: authorization code + PKCE, client secret, userinfo, RP-
 * initiated logout, and a one-field sign-in page ("who are you") whose answer carries the amr.
 */
export async function startTestIdp(opts: { redirectUri: string; postLogoutRedirectUri: string }): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'portico-test';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: IDP_CLIENT_SECRET,
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [opts.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      const { amr: _amr, ...claims } = account;
      return { accountId: sub, claims: () => ({ ...claims, sub }) };
    },
    scopes: ['openid', 'email', 'profile', 'groups', 'organization'],
    claims: {
      // In the openid scope so the ID token carries how the person signed in (as Entra ID does).
      openid: ['sub', 'amr', 'acr'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
      groups: ['groups'],
      organization: ['organization'],
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-idp', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-idp-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The provider's own confirmation page, with nothing loaded from elsewhere.
        logoutSource: (ctx, form) => {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body><main><h1>Sign out of Test Hospital?</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></main></body></html>`;
        },
      },
    },
  });
  const oidc = provider.callback();
  server.on('request', (req, res) => {
    const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
    if (!m) return void oidc(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test Hospital sign-in</title></head><body><main><h1>Test Hospital</h1>` +
            `<form method="post" action="/interaction/${escape(details.uid)}"><label>User name <input name="login" autocomplete="off"></label><button type="submit">Sign in at Test Hospital</button></form></main></body></html>`,
        );
        return;
      }
      const sub = (await readForm(req)).get('login') ?? '';
      const account = accounts.get(sub);
      if (!account) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unknown user' });
        return;
      }
      const grant = new provider.Grant({ accountId: sub, clientId: String(details.params['client_id']) });
      grant.addOIDCScope(String(details.params['scope']));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: sub, ...(account.amr ? { amr: account.amr } : {}) }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret: IDP_CLIENT_SECRET,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookies at the provider (it keeps its interaction and session cookies there). */
export class IdpBrowser {
  readonly jar = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.jar.entries()].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }

  /**
   * From the provider's authorization URL to the redirect back to Portico: follows the provider's
   * own redirects and signs in as `login` on its page. Returns the URL the provider sends the browser to.
   */
  async signIn(authorizationUrl: string, login: string): Promise<URL> {
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 10; hop++) {
      const onForm = /^\/interaction\/[A-Za-z0-9_-]+$/.test(url.pathname);
      const res = onForm
        ? await this.request(url.href, { method: 'POST', form: { login } })
        : await this.request(url.href);
      const location = res.headers.get('location');
      await res.arrayBuffer();
      if (!location) {
        // The sign-in form itself (GET): post to it next.
        if (res.status === 200 && onForm) continue;
        throw new Error(`provider answered ${res.status} at ${url.pathname} without a redirect`);
      }
      const next = new URL(location, url);
      if (next.origin !== url.origin) return next;
      url = next;
    }
    throw new Error('too many redirects at the provider');
  }
}
