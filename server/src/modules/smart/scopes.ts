import type { PortalArea } from '@portico/contracts';
import { RESOURCE_TYPES as FHIR_RESOURCE_TYPES } from '../fhir/index.js';

/** Resource types a SMART app may ask to read: the FHIR API's types, and Binary behind them. */
export const RESOURCE_TYPES = [...FHIR_RESOURCE_TYPES, 'Binary'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
/** Types only a backend service reads: the organization groups bulk export starts from. */
export const SYSTEM_ONLY_TYPES = ['Group'] as const;
type SystemOnlyType = (typeof SYSTEM_ONLY_TYPES)[number];

/** Scopes that are not about resources. */
export const IDENTITY_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'offline_access',
  'online_access',
];

const CONTEXTS = ['patient', 'user', 'system'] as const;
type Context = (typeof CONTEXTS)[number];
/** v2 read permissions (`r`, `s`, `rs`) and v1 `read`; nothing here writes. */
const READ_PERMISSIONS = ['rs', 'r', 's', 'read'] as const;

/** Every scope value the authorization server recognises; others are ignored (never granted). */
export const SUPPORTED_SCOPES: readonly string[] = [
  ...IDENTITY_SCOPES,
  ...CONTEXTS.flatMap((c) => ['*', ...RESOURCE_TYPES].flatMap((t) => READ_PERMISSIONS.map((p) => `${c}/${t}.${p}`))),
  ...SYSTEM_ONLY_TYPES.flatMap((t) => READ_PERMISSIONS.map((p) => `system/${t}.${p}`)),
];

export interface ResourceScope {
  context: Context;
  type: ResourceType | SystemOnlyType | '*';
  read: boolean;
  search: boolean;
}

/** Parses `patient/Observation.rs` (v2) or `patient/Observation.read` (v1); null for anything else. */
export function parseResourceScope(scope: string): ResourceScope | null {
  const m = /^(patient|user|system)\/([A-Za-z]+|\*)\.(read|[cruds]+)$/.exec(scope);
  if (!m) return null;
  const [, context, type, perm] = m as unknown as [string, Context, string, string];
  const systemOnly = context === 'system' && (SYSTEM_ONLY_TYPES as readonly string[]).includes(type);
  if (type !== '*' && !systemOnly && !(RESOURCE_TYPES as readonly string[]).includes(type)) return null;
  const v1 = perm === 'read';
  return {
    context,
    type: type as ResourceScope['type'],
    read: v1 || perm.includes('r'),
    search: v1 || perm.includes('s'),
  };
}

/** Whether `allowed` (an app's registered scope) covers `requested`: same context, same or wildcard type, no more permissions. */
export function covers(allowed: string, requested: string): boolean {
  if (allowed === requested) return true;
  const a = parseResourceScope(allowed);
  const r = parseResourceScope(requested);
  if (!a || !r) return false;
  if (a.context !== r.context) return false;
  if (a.type !== '*' && a.type !== r.type) return false;
  return (a.read || !r.read) && (a.search || !r.search);
}

/** The requested scopes an app may have (covered by one of its registered scopes), and the rest. */
export function narrow(
  requested: readonly string[],
  allowed: readonly string[],
): { granted: string[]; rejected: string[] } {
  const granted: string[] = [];
  const rejected: string[] = [];
  for (const scope of requested) {
    if (!SUPPORTED_SCOPES.includes(scope)) continue;
    if (allowed.some((a) => covers(a, scope))) granted.push(scope);
    else rejected.push(scope);
  }
  return { granted, rejected };
}

/** The resource types scopes let an app read, '*' standing for every type. */
export function readableTypes(scopes: readonly string[]): (ResourceType | '*')[] {
  const types = new Set<ResourceType | '*'>();
  for (const s of scopes) {
    const p = parseResourceScope(s);
    if (p && (p.read || p.search) && p.context !== 'system' && p.type !== 'Group') types.add(p.type);
  }
  return types.has('*') ? ['*'] : RESOURCE_TYPES.filter((t) => types.has(t));
}

/** Which part of the record (as proxy access names them) each resource type belongs to; null: always visible. */
const AREA_OF: Record<ResourceType, PortalArea | null> = {
  Patient: null,
  Practitioner: null,
  PractitionerRole: null,
  Organization: null,
  Location: null,
  Provenance: null,
  Observation: 'results',
  DiagnosticReport: 'results',
  DocumentReference: 'results',
  Binary: 'results',
  Condition: 'results',
  MedicationRequest: 'medications',
  Medication: 'medications',
  AllergyIntolerance: 'medications',
  Immunization: 'medications',
  Encounter: 'appointments',
  Appointment: 'appointments',
  ServiceRequest: 'appointments',
  Communication: 'messages',
  Coverage: 'profile',
};

/** The resource types a proxy's areas cover; null when they cover everything (own record, full access). */
export function typesForAreas(areas: readonly PortalArea[], all: readonly PortalArea[]): ResourceType[] | null {
  if (all.every((a) => areas.includes(a))) return null;
  return RESOURCE_TYPES.filter((t) => {
    const area = AREA_OF[t];
    return area === null || areas.includes(area);
  });
}

/**
 * The scopes a token really carries for a record: wildcards spelled out per type and types the
 * proxy may not see dropped, when access is limited; unchanged otherwise.
 */
export function effectiveScopes(scopes: readonly string[], allowedTypes: readonly string[] | null): string[] {
  if (!allowedTypes) return [...scopes];
  const out: string[] = [];
  for (const s of scopes) {
    const p = parseResourceScope(s);
    if (!p) out.push(s);
    else if (p.type === '*') {
      const perm = s.slice(s.lastIndexOf('.') + 1);
      for (const t of allowedTypes) out.push(`${p.context}/${t}.${perm}`);
    } else if (allowedTypes.includes(p.type)) out.push(s);
  }
  return [...new Set(out)];
}
