import type * as OpenIdClient from 'openid-client';
import type { SsoConfig } from '../../../config.js';

type Oidc = typeof OpenIdClient;
/** The OpenID client library loads with the first single sign-on, not at start (most people never use it). */
const openIdClient = (): Promise<Oidc> => import('openid-client');

/** The provider could not be reached or answered nonsense: the person sees "try again later". */
export class ProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super('the OpenID provider is unavailable', { cause });
    this.name = 'ProviderUnavailable';
  }
}

/** The provider's answer failed a check (state, nonce, signature, audience, PKCE, an error= reply). */
export class SignInRejected extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`OpenID sign-in rejected: ${reason}`, { cause });
    this.name = 'SignInRejected';
  }
}

export interface StartedSignIn {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderAnswer {
  subject: string;
  /** ID token claims merged with userinfo (the ID token wins where both speak). */
  claims: Record<string, unknown>;
  amr: string[];
  acr: string | null;
}

const TIMEOUT_SECONDS = 10;

/**
 * Portico as an OpenID Connect relying party, on openid-client (certified): discovery, authorization
 * code with PKCE S256, state and nonce, ID token signature/issuer/audience/expiry checks, userinfo,
 * and the provider's end_session_endpoint. Discovery is cached after the first success and retried
 * after a failure, so a provider that was down at start-up is picked up when it comes back.
 */
export class RelyingParty {
  #discovered: Promise<OpenIdClient.Configuration> | null = null;

  constructor(private readonly sso: SsoConfig) {}

  private configuration(): Promise<OpenIdClient.Configuration> {
    if (!this.#discovered) {
      const { issuer, clientId, allowHttp } = this.sso.settings;
      const secret = this.sso.clientSecret;
      const attempt = openIdClient()
        .then((oidc) =>
          oidc.discovery(
            new URL(issuer),
            clientId,
            { redirect_uris: [this.sso.settings.redirectUrl] },
            secret === null ? oidc.None() : oidc.ClientSecretBasic(secret),
            { execute: allowHttp ? [oidc.allowInsecureRequests] : [], timeout: TIMEOUT_SECONDS },
          ),
        )
        .catch((err: unknown) => {
          this.#discovered = null;
          throw new ProviderUnavailable(err);
        });
      this.#discovered = attempt;
    }
    return this.#discovered;
  }

  /** Where to send the browser, and the secrets to keep until it comes back. */
  async start(): Promise<StartedSignIn> {
    const config = await this.configuration();
    const oidc = await openIdClient();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.sso.settings.redirectUrl,
      scope: this.sso.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code the browser brought back; every check failing throws SignInRejected. */
  async finish(
    callbackQuery: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<ProviderAnswer> {
    const config = await this.configuration();
    const oidc = await openIdClient();
    const current = new URL(this.sso.settings.redirectUrl);
    current.search = callbackQuery;
    let tokens: Awaited<ReturnType<Oidc['authorizationCodeGrant']>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      });
    } catch (err) {
      throw classify(oidc, err);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new SignInRejected('no_id_token');
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (err) {
        throw classify(oidc, err);
      }
    }
    const claims: Record<string, unknown> = { ...userinfo, ...idClaims };
    return {
      subject: idClaims.sub,
      claims,
      amr: Array.isArray(idClaims.amr) ? idClaims.amr.filter((v): v is string => typeof v === 'string') : [],
      acr: typeof idClaims.acr === 'string' ? idClaims.acr : null,
    };
  }

  /** The provider's sign-out page (RP-initiated logout), when it advertises one; null otherwise. */
  async endSessionUrl(postLogoutRedirect: string): Promise<string | null> {
    let config: OpenIdClient.Configuration;
    try {
      config = await this.configuration();
    } catch {
      return null;
    }
    if (!config.serverMetadata().end_session_endpoint) return null;
    const oidc = await openIdClient();
    return oidc.buildEndSessionUrl(config, {
      client_id: this.sso.settings.clientId,
      post_logout_redirect_uri: postLogoutRedirect,
    }).href;
  }
}

/** Network trouble and 5xx are the provider being down; everything else is a refused answer. */
function classify(oidc: Oidc, err: unknown): Error {
  if (err instanceof oidc.AuthorizationResponseError) return new SignInRejected(err.error, err);
  if (err instanceof oidc.ResponseBodyError) {
    return err.status >= 500 ? new ProviderUnavailable(err) : new SignInRejected(err.error, err);
  }
  if (
    err instanceof TypeError ||
    (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))
  ) {
    return new ProviderUnavailable(err);
  }
  if (err instanceof Error && 'code' in err && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const status = 'status' in err && typeof err.status === 'number' ? err.status : 0;
    if (status >= 500 || status === 0) return new ProviderUnavailable(err);
  }
  return new SignInRejected('invalid_response', err);
}
