import type { SsoConfig } from '../../../config.js';

export type WorkforceRole = 'clinician' | 'staff' | 'admin';

/** Why the provider's answer does not let this person in; each has a page in the web app. */
export type SsoRefusal =
  | 'sso_not_in_group'
  | 'sso_no_role'
  | 'sso_unknown_organization'
  | 'sso_patient_account'
  | 'sso_account_disabled'
  | 'sso_email_in_use'
  | 'sso_failed'
  | 'sso_unavailable';

/** What Portico takes from the provider's claims (ID token, then userinfo). */
export interface MappedPerson {
  role: WorkforceRole;
  /** The organization slug the claims (or the default) name; checked against Portico's list later. */
  organizationSlug: string;
  email: string | null;
  emailVerified: boolean;
  givenName: string;
  familyName: string;
}

const PRIVILEGE: readonly WorkforceRole[] = ['admin', 'staff', 'clinician'];

/** A claim as a list of strings: providers send groups as an array, or one space- or comma-separated string. */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function text(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Maps the claims to a Portico role and organization, or names the refusal. Rules: the required
 * group (when set) must be present; the most privileged mapped role wins; the organization comes
 * from its claim (through the map, or taken as a slug), else the configured default.
 */
export function mapClaims(
  claims: Record<string, unknown>,
  sso: SsoConfig['settings'],
): { ok: true; person: MappedPerson } | { ok: false; refusal: SsoRefusal } {
  const groups = new Set(claimValues(claims, sso.groupsClaim));
  if (sso.requiredGroup !== null && !groups.has(sso.requiredGroup)) return { ok: false, refusal: 'sso_not_in_group' };
  const roles = new Set([...groups].flatMap((g) => sso.roleMap.get(g) ?? []));
  const role = PRIVILEGE.find((r) => roles.has(r));
  if (!role) return { ok: false, refusal: 'sso_no_role' };
  const orgValue = claimValues(claims, sso.orgClaim)[0] ?? null;
  const organizationSlug = orgValue === null ? sso.defaultOrgSlug : (sso.orgMap.get(orgValue) ?? orgValue);
  if (organizationSlug === null) return { ok: false, refusal: 'sso_unknown_organization' };
  const email = text(claims, 'email');
  const name = text(claims, 'name');
  const givenName = text(claims, 'given_name') ?? name?.split(' ')[0] ?? email?.split('@')[0] ?? 'Staff';
  const familyName =
    text(claims, 'family_name') ?? (name && name.includes(' ') ? name.slice(name.indexOf(' ') + 1) : '-');
  return {
    ok: true,
    person: {
      role,
      organizationSlug,
      email: email?.toLowerCase() ?? null,
      // Some providers send "true" as a string.
      emailVerified: claims['email_verified'] === true || claims['email_verified'] === 'true',
      givenName: givenName.slice(0, 100),
      familyName: familyName.slice(0, 100),
    },
  };
}
