/** Who may read what through /fhir/R4. */
export interface FhirGrant {
  userId: string;
  patientId: string | null;
  scopes: readonly string[];
  clientId: string | null;
  appName: string | null;
  /** Backend services (system scopes): the one organization the client may export; null for every one. */
  organizationId?: string | null;
}

/** Resolves a bearer access token to a grant, or null when the token is invalid/expired/revoked. */
export type BearerVerifier = (token: string) => Promise<FhirGrant | null>;

/** The two interactions the API serves: `r` (read, vread, $everything) and `s` (search). */
export type Interaction = 'read' | 'search';

/** One resource scope, SMART v2 (`patient/Observation.rs`) or v1 (`patient/Observation.read`). */
export interface ResourceScope {
  context: 'patient' | 'user' | 'system';
  /** A resource type, or `*` for every type. */
  type: string;
  read: boolean;
  search: boolean;
}

const SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]{1,63})\.(\*|read|write|[cruds]{1,5})(\?.*)?$/;

/**
 * Parses one scope string; returns null for anything that is not a resource scope (`openid`,
 * `launch/patient`, `offline_access`), for unknown forms, and for write-only scopes.
 * v2 permissions must be in `cruds` order without repeats (the SMART rule); `.read` and `.*`
 * are v1. Query-qualified v2 scopes (`?category=...`) are not honoured yet: they are refused
 * rather than read as wider than they are.
 */
export function parseScope(scope: string): ResourceScope | null {
  const m = SCOPE.exec(scope);
  if (!m) return null;
  const [, context, type, perms, query] = m;
  if (!context || !type || !perms || query) return null;
  let read = false;
  let search = false;
  if (perms === 'read' || perms === '*') {
    read = true;
    search = true;
  } else if (perms === 'write') {
    return null;
  } else {
    if (!inCrudsOrder(perms)) return null;
    read = perms.includes('r');
    search = perms.includes('s');
  }
  if (!read && !search) return null;
  return { context: context as ResourceScope['context'], type, read, search };
}

function inCrudsOrder(perms: string): boolean {
  let last = -1;
  for (const ch of perms) {
    const at = 'cruds'.indexOf(ch);
    if (at <= last) return false;
    last = at;
  }
  return true;
}

/** Parses a list of scopes, or the space-separated `scope` string a token carries. */
export function parseScopes(scopes: readonly string[] | string): ResourceScope[] {
  const list = typeof scopes === 'string' ? scopes.split(/\s+/) : scopes;
  return list.flatMap((s) => {
    const parsed = parseScope(s.trim());
    return parsed ? [parsed] : [];
  });
}

/**
 * Whether a grant may do `interaction` on `type`. Only patient-context scopes open the API for
 * now: `system/*` is reserved for bulk export and `user/*` for a later workforce launch, and a
 * patient scope needs a grant bound to one patient.
 */
export function allows(
  grant: Pick<FhirGrant, 'scopes' | 'patientId'>,
  type: string,
  interaction: Interaction,
): boolean {
  if (!grant.patientId) return false;
  return parseScopes(grant.scopes).some(
    (s) =>
      s.context === 'patient' && (s.type === '*' || s.type === type) && (interaction === 'read' ? s.read : s.search),
  );
}

/** True when the grant's scopes only reach the API through contexts Portico refuses today. */
export function onlyUnsupportedContexts(grant: Pick<FhirGrant, 'scopes'>): boolean {
  const parsed = parseScopes(grant.scopes);
  return parsed.length > 0 && parsed.every((s) => s.context !== 'patient');
}

/** The scopes a signed-in portal session carries: the patient's own record, read and search. */
export const SESSION_SCOPES: readonly string[] = ['patient/*.rs'];
