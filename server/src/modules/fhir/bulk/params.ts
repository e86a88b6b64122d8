import { parseScopes, type FhirGrant } from '../access.js';
import { isResourceType, RESOURCE_TYPES, type ResourceType } from '../compartment.js';
import { FhirError } from '../outcome.js';

/** Types a bulk export writes: every type of the patient compartment and the directory behind it. */
export const EXPORT_TYPES: readonly ResourceType[] = RESOURCE_TYPES;

/** Types that belong to an organization rather than a patient: written once per organization. */
export const DIRECTORY_TYPES: readonly ResourceType[] = [
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
];

const OUTPUT_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];
const KNOWN_PARAMS = new Set(['_type', '_since', '_outputFormat']);
/** FHIR instant or dateTime with a zone, or a plain date. */
const SINCE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export type QueryValue = string | string[] | undefined;

/** What a kick-off asks for, once checked. */
export interface ExportRequest {
  types: ResourceType[];
  since: Date | null;
}

const values = (v: QueryValue): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether a backend grant's system scopes let it read `type` (v2 `.r`/`.rs`, v1 `.read`). */
export function systemReads(grant: Pick<FhirGrant, 'scopes'>, type: string): boolean {
  return parseScopes(grant.scopes).some((s) => s.context === 'system' && (s.type === '*' || s.type === type) && s.read);
}

/** True when the grant carries any system scope at all (a backend service's token). */
export function isSystemGrant(grant: Pick<FhirGrant, 'scopes' | 'patientId'>): boolean {
  return grant.patientId === null && parseScopes(grant.scopes).some((s) => s.context === 'system');
}

/**
 * Checks a kick-off request (Bulk Data Access v2): `Prefer: respond-async`, an Accept the server
 * can answer in, and only `_type`, `_since` and `_outputFormat`. Anything else is a 400
 * OperationOutcome rather than silently ignored; a type the scopes do not reach is a 403.
 */
export function parseKickoff(
  query: Record<string, QueryValue>,
  headers: { prefer?: string | undefined; accept?: string | undefined },
  grant: Pick<FhirGrant, 'scopes'>,
  now: Date,
): ExportRequest {
  const prefer = (headers.prefer ?? '').toLowerCase();
  if (!prefer.split(/[,;]/).some((p) => p.trim() === 'respond-async')) {
    throw new FhirError(400, 'invalid', 'A bulk export needs the header Prefer: respond-async.');
  }
  const accept = (headers.accept ?? '').trim().toLowerCase();
  if (accept !== '' && !/(^|,)\s*(\*\/\*|application\/(fhir\+)?json)\s*(;|,|$)/.test(accept)) {
    throw new FhirError(400, 'not-supported', 'The kick-off answers only in application/fhir+json (Accept).');
  }
  for (const name of Object.keys(query)) {
    if (!KNOWN_PARAMS.has(name)) {
      throw new FhirError(400, 'not-supported', `The parameter ${name.slice(0, 60)} is not supported for $export.`);
    }
  }
  const formats = values(query['_outputFormat']);
  for (const f of formats) {
    if (!OUTPUT_FORMATS.includes(f)) {
      throw new FhirError(
        400,
        'not-supported',
        `_outputFormat ${f.slice(0, 60)} is not supported; use application/fhir+ndjson.`,
      );
    }
  }
  const sinceValues = values(query['_since']);
  if (sinceValues.length > 1) throw new FhirError(400, 'invalid', '_since may be given once.');
  let since: Date | null = null;
  const rawSince = sinceValues[0];
  if (rawSince !== undefined) {
    since = SINCE.test(rawSince) ? new Date(rawSince) : null;
    if (!since || Number.isNaN(since.getTime())) {
      throw new FhirError(400, 'invalid', '_since must be a FHIR instant such as 2026-01-31T00:00:00Z.');
    }
    if (since.getTime() > now.getTime()) throw new FhirError(400, 'invalid', '_since is in the future.');
  }
  const asked = values(query['_type'])
    .flatMap((v) => v.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const t of asked) {
    if (!isResourceType(t) || !EXPORT_TYPES.includes(t)) {
      throw new FhirError(400, 'not-supported', `_type ${t.slice(0, 64)} is not a resource type this server exports.`);
    }
    if (!systemReads(grant, t)) {
      throw new FhirError(403, 'forbidden', `The granted scopes do not allow reading ${t}.`);
    }
  }
  const types =
    asked.length > 0
      ? EXPORT_TYPES.filter((t) => asked.includes(t))
      : EXPORT_TYPES.filter((t) => systemReads(grant, t));
  if (types.length === 0) throw new FhirError(403, 'forbidden', 'The granted scopes do not allow reading any type.');
  return { types, since };
}
