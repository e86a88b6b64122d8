import { ConfigError, bool, pairs, str, url, type Env } from './env.js';

/** The hospital's OpenID Connect provider. The client secret is held privately (never logged). */
export class SsoConfig {
  readonly #clientSecret: string | null;
  constructor(
    readonly settings: {
      /** Issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
      issuer: string;
      clientId: string;
      /** Where the provider sends the browser back: <public URL>/api/auth/sso/callback. */
      redirectUrl: string;
      /** Shown on the button: "Sign in with <name>". */
      displayName: string;
      scopes: string;
      /** Claim holding the person's groups (a list, or one string). */
      groupsClaim: string;
      /** Group value → Portico role; the most privileged match wins (admin, then staff, then clinician). */
      roleMap: ReadonlyMap<string, 'clinician' | 'staff' | 'admin'>;
      /** Without it nobody may sign in through SSO unless they are in this group. */
      requiredGroup: string | null;
      /** Claim naming the person's organization; mapped through orgMap, or else taken as an organization slug. */
      orgClaim: string;
      orgMap: ReadonlyMap<string, string>;
      /** Organization slug for people whose token names none (a single-hospital provider). */
      defaultOrgSlug: string | null;
      /** Lets the issuer be plain http (a provider inside a test or on localhost); never in production. */
      allowHttp: boolean;
    },
    clientSecret: string | null,
  ) {
    this.#clientSecret = clientSecret;
  }
  get clientSecret(): string | null {
    return this.#clientSecret;
  }
}

const SSO_ROLES = ['clinician', 'staff', 'admin'] as const;

/**
 * Workforce single sign-on (docs/decisions/0032), configured by PORTICO_SSO_ISSUER; the rest then
 * becomes required. Never echoes the client secret.
 */
export function ssoConfig(env: Env, publicUrl: string): SsoConfig | null {
  const allowHttp = bool(env, 'PORTICO_SSO_ALLOW_HTTP', false);
  const issuer = url(env, 'PORTICO_SSO_ISSUER', allowHttp ? ['https:', 'http:'] : ['https:']);
  if (issuer === null) return null;
  const clientId = str(env, 'PORTICO_SSO_CLIENT_ID', '');
  if (clientId === '') throw new ConfigError('PORTICO_SSO_CLIENT_ID', 'must be set when PORTICO_SSO_ISSUER is');
  const secret = str(env, 'PORTICO_SSO_CLIENT_SECRET', '');
  const roleMap = new Map<string, (typeof SSO_ROLES)[number]>();
  for (const [group, role] of pairs(env, 'PORTICO_SSO_ROLE_MAP')) {
    const known = SSO_ROLES.find((r) => r === role);
    if (!known)
      throw new ConfigError(
        'PORTICO_SSO_ROLE_MAP',
        `role "${role}" must be clinician, staff or admin (patients never sign in through SSO)`,
      );
    roleMap.set(group, known);
  }
  if (roleMap.size === 0) {
    throw new ConfigError(
      'PORTICO_SSO_ROLE_MAP',
      'must map at least one group to a role, e.g. portico-clinicians=clinician',
    );
  }
  const slug = str(env, 'PORTICO_SSO_DEFAULT_ORGANIZATION', '');
  return new SsoConfig(
    {
      issuer: issuer.replace(/\/$/, ''),
      clientId,
      redirectUrl: url(env, 'PORTICO_SSO_REDIRECT_URL', ['https:', 'http:']) ?? `${publicUrl}/api/auth/sso/callback`,
      displayName: str(env, 'PORTICO_SSO_NAME', 'your hospital'),
      scopes: str(env, 'PORTICO_SSO_SCOPES', 'openid email profile'),
      groupsClaim: str(env, 'PORTICO_SSO_GROUPS_CLAIM', 'groups'),
      roleMap,
      requiredGroup: str(env, 'PORTICO_SSO_REQUIRED_GROUP', '') || null,
      orgClaim: str(env, 'PORTICO_SSO_ORGANIZATION_CLAIM', 'organization'),
      orgMap: pairs(env, 'PORTICO_SSO_ORGANIZATION_MAP'),
      defaultOrgSlug: slug === '' ? null : slug,
      allowHttp,
    },
    secret === '' ? null : secret,
  );
}

/** PORTICO_WORKFORCE_LOCAL_PASSWORDS: whether clinicians, staff and admins may also sign in with a Portico password (off: only through SSO). */
export function workforceLocalPasswords(env: Env): boolean {
  return bool(env, 'PORTICO_WORKFORCE_LOCAL_PASSWORDS', true);
}
