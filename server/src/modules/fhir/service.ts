import type { Readable } from 'node:stream';
import type { PortalArea, Role } from '@portico/contracts';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import type { AuditService } from '../audit/index.js';
import type { ResultRecord } from '../results/index.js';
import { allows, SESSION_SCOPES, type FhirGrant, type Interaction } from './access.js';
import { Compartment, isResourceType, type ResourceType } from './compartment.js';
import { FhirError, notFoundFhir } from './outcome.js';
import type { FhirRepository, PatientRow } from './repository.js';
import { RecordReader } from './record-reader.js';
import type { Resource } from './resource.js';
import { REVINCLUDES, SEARCH_PARAMS } from './search-params.js';
import { applyFilters, filtersOf, list, single, valuesAt, type Query } from './search.js';
import { isSqlSearchType, recordQuery } from './sql-search.js';

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 500;

/** A grant with who it is for, resolved once per request. */
export interface FhirAccess {
  grant: FhirGrant;
  /** The record areas a proxy's session may see; null for a token or the patient themself. */
  areas: readonly PortalArea[] | null;
  caller: Caller;
}

/** Which part of the record each type belongs to, for a proxy whose access is limited. */
const AREA: Partial<Record<ResourceType, PortalArea>> = {
  Observation: 'results',
  DiagnosticReport: 'results',
  Provenance: 'results',
  MedicationRequest: 'medications',
  Medication: 'medications',
  Encounter: 'appointments',
  Appointment: 'appointments',
  Communication: 'messages',
  Coverage: 'profile',
  Patient: 'profile',
};

/**
 * The grant of a signed-in patient or proxy on the record they have open (the portal's own reads of
 * FHIR: /fhir/R4 with a session, the record download); null for anyone else or no open record.
 */
export function portalAccess(caller: Caller): FhirAccess | null {
  if (!caller.userId || !caller.actingForPatientId || (caller.role !== 'patient' && caller.role !== 'proxy')) {
    return null;
  }
  const grant: FhirGrant = {
    userId: caller.userId,
    patientId: caller.actingForPatientId,
    scopes: SESSION_SCOPES,
    clientId: null,
    appName: null,
  };
  const own = caller.actingForPatientId === caller.ownPatientId;
  return { grant, areas: own ? null : caller.areas, caller };
}

export interface SearchPage {
  matches: Resource[];
  included: Resource[];
  /** Every match; null when not counted (a later page without `_total=accurate`, or `_total=none`). */
  total: number | null;
  /** More matches follow this page. */
  more: boolean;
  offset: number;
  count: number;
}

export interface BinaryContent {
  contentType: string;
  body: Buffer | Readable;
}

export interface BinarySources {
  opinionFile(caller: Caller, requestId: string, docId: string): Promise<{ contentType: string; stream: Readable }>;
  statementPdf(caller: AuthenticatedCaller, id: string): Promise<{ pdf: Buffer }>;
}

/**
 * The rules of /fhir/R4: a grant reaches one patient's compartment, each type only through a
 * scope that allows the interaction; anything outside is a 404 the same as a missing resource;
 * every read and search is audited with the app's name.
 */
export class FhirService {
  constructor(
    private readonly repo: FhirRepository,
    private readonly resultRecord: ResultRecord,
    private readonly audit: AuditService,
    private readonly baseUrl: string,
    private readonly binaries: BinarySources,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The grant's patient, looked up once per request (the grant object lives for one request). */
  private readonly patients = new WeakMap<FhirGrant, Promise<PatientRow | undefined>>();

  private patientOf(grant: FhirGrant): Promise<PatientRow | undefined> {
    let hit = this.patients.get(grant);
    if (!hit) {
      hit = grant.patientId ? this.repo.patient(grant.patientId) : Promise.resolve(undefined);
      this.patients.set(grant, hit);
    }
    return hit;
  }

  /** The caller the audit trail and other modules see for a token or session grant. */
  async callerFor(grant: FhirGrant, base: Caller, sessionCaller: Caller | null): Promise<Caller> {
    if (sessionCaller) return sessionCaller;
    const [role, patient]: [Role | null, PatientRow | undefined] = await Promise.all([
      this.repo.userRole(grant.userId),
      this.patientOf(grant),
    ]);
    return {
      ...base,
      userId: grant.userId,
      role,
      organizationId: patient?.organization_id ?? null,
      ownPatientId: role === 'patient' ? (grant.patientId ?? null) : null,
      actingForPatientId: grant.patientId,
      areas: ['appointments', 'messages', 'results', 'medications', 'billing', 'profile'],
      sessionId: grant.clientId ? `fhir:${grant.clientId}` : 'fhir',
    };
  }

  private async compartment(access: FhirAccess): Promise<Compartment> {
    const patient = await this.patientOf(access.grant);
    if (!patient) {
      throw new FhirError(403, 'forbidden', 'This access is not bound to a patient record (launch/patient is needed).');
    }
    return new Compartment(this.repo, this.resultRecord, patient, this.baseUrl, this.clock());
  }

  private check(access: FhirAccess, type: string, interaction: Interaction): ResourceType {
    if (!isResourceType(type))
      throw new FhirError(404, 'not-supported', `${type.slice(0, 64)} is not a resource type this server serves.`);
    const area = AREA[type];
    const areaOk = !access.areas || !area || access.areas.includes(area);
    if (!areaOk || !allows(access.grant, type, interaction)) {
      throw new FhirError(
        403,
        'forbidden',
        `The granted scopes do not allow ${interaction === 'read' ? 'reading' : 'searching'} ${type}.`,
      );
    }
    return type;
  }

  private async record(
    access: FhirAccess,
    action: string,
    type: string,
    outcome: 'allowed' | 'denied',
    extra: { entityId?: string; count?: number } = {},
  ): Promise<void> {
    await this.audit.record(access.caller, {
      action,
      entityType: type,
      entityId: extra.entityId ?? null,
      patientId: access.grant.patientId,
      outcome,
      detail: {
        ...(access.grant.appName ? { app: access.grant.appName.slice(0, 100) } : {}),
        ...(access.grant.clientId ? { clientId: access.grant.clientId.slice(0, 100) } : {}),
        ...(extra.count !== undefined ? { results: extra.count } : {}),
      },
    });
  }

  async read(access: FhirAccess, typeName: string, id: string): Promise<Resource> {
    const type = this.check(access, typeName, 'read');
    const found = await (await this.compartment(access)).find(type, id);
    await this.record(access, 'fhir.read', type, found ? 'allowed' : 'denied', { entityId: id });
    if (!found) throw notFoundFhir(type, id);
    return found;
  }

  async search(access: FhirAccess, typeName: string, query: Query): Promise<SearchPage> {
    const type = this.check(access, typeName, 'search');
    const filters = filtersOf(type, query);
    const count = pageSize(single(query, '_count'));
    const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(single(query, '_offset') ?? '0', 10) || 0));
    const totalMode = totalOf(single(query, '_total'));
    const compartment = await this.compartment(access);
    const sqlQuery = isSqlSearchType(type)
      ? recordQuery(
          type,
          filters,
          { patientId: compartment.patientId, now: compartment.now },
          { limit: count, offset, total: totalMode === 'accurate' || count === 0 },
        )
      : null;
    let page: { resources: Resource[]; more: boolean; total: number | null };
    if (sqlQuery && isSqlSearchType(type)) {
      page = await compartment.searchPage(type, sqlQuery);
    } else {
      // The other types are small per patient (one organization's directory, a record's visits):
      // filtered over the compartment, with the same semantics.
      const all = applyFilters(await compartment.all(type), filters);
      page = { resources: all.slice(offset, offset + count), more: offset + count < all.length, total: all.length };
    }
    const matches = page.resources;
    const included = await this.includes(access, compartment, type, query, matches);
    await this.record(access, 'fhir.search', type, 'allowed', { count: page.total ?? offset + matches.length });
    return {
      matches,
      included,
      total: totalMode === 'none' ? null : page.total,
      more: count > 0 && page.more,
      offset,
      count,
    };
  }

  private async includes(
    access: FhirAccess,
    compartment: Compartment,
    type: ResourceType,
    query: Query,
    matches: Resource[],
  ): Promise<Resource[]> {
    const out = new Map<string, Resource>();
    for (const inc of list(query, '_include')) {
      const [source, param, target] = inc.split(':');
      const def = source === type && param ? SEARCH_PARAMS[type]?.[param] : undefined;
      if (!def || def.kind !== 'reference')
        throw new FhirError(400, 'not-supported', `_include=${inc.slice(0, 60)} is not supported.`);
      // One query per include and target type: the referenced ids are fetched together.
      const wanted = new Map<ResourceType, string[]>();
      for (const r of matches.flatMap((m) => def.paths.flatMap((p) => valuesAt(m, p)))) {
        const reference = (r as { reference?: unknown }).reference;
        if (typeof reference !== 'string') continue;
        const [t = '', id = ''] = reference.split('/');
        if (target && t !== target) continue;
        if (!isResourceType(t) || !allows(access.grant, t, 'read')) continue;
        wanted.set(t, [...(wanted.get(t) ?? []), id]);
      }
      for (const [t, ids] of wanted) {
        for (const found of await compartment.findMany(t, ids)) out.set(`${t}/${found.id}`, found);
      }
    }
    for (const rev of list(query, '_revinclude')) {
      if (!(REVINCLUDES[type] ?? []).includes(rev)) {
        throw new FhirError(400, 'not-supported', `_revinclude=${rev.slice(0, 60)} is not supported on ${type}.`);
      }
      if (!allows(access.grant, 'Provenance', 'read')) continue;
      // Provenance:target on DiagnosticReport: one Provenance per report, with the report's id.
      for (const p of await compartment.provenanceOf(matches.map((m) => m.id))) out.set(`Provenance/${p.id}`, p);
    }
    return [...out.values()];
  }

  /** Patient/$everything: every resource of the compartment the grant may read. */
  async everything(access: FhirAccess, id: string): Promise<Resource[]> {
    this.check(access, 'Patient', 'read');
    const compartment = await this.compartment(access);
    if (id !== compartment.patientId) {
      await this.record(access, 'fhir.everything', 'Patient', 'denied', { entityId: id });
      throw notFoundFhir('Patient', id);
    }
    const out: Resource[] = [];
    for (const type of this.readableTypes(access)) out.push(...(await compartment.all(type)));
    await this.record(access, 'fhir.everything', 'Patient', 'allowed', { entityId: id, count: out.length });
    return out;
  }

  /** The types a grant may read whole: its scopes, and a limited proxy's areas. */
  private readableTypes(access: FhirAccess): ResourceType[] {
    return Object.keys(SEARCH_PARAMS).filter((type): type is ResourceType => {
      if (!isResourceType(type) || !allows(access.grant, type, 'read')) return false;
      const area = AREA[type];
      return !access.areas || !area || access.areas.includes(area);
    });
  }

  /**
   * The record behind a grant for the portal's record download (docs/decisions/0043): the same
   * compartment and types as Patient/$everything, read a page at a time. Not audited here: the
   * download audits itself once, with its format.
   */
  async recordReader(access: FhirAccess): Promise<RecordReader> {
    const compartment = await this.compartment(access);
    const organization = await this.repo.organization(compartment.patient.organization_id);
    return new RecordReader(compartment, this.readableTypes(access), organization ?? null);
  }

  /** The content behind a DocumentReference, under the same grant as the document. */
  async binary(access: FhirAccess, id: string): Promise<BinaryContent> {
    this.check(access, 'DocumentReference', 'read');
    const compartment = await this.compartment(access);
    const kind = await compartment.binaryKind(id);
    await this.record(access, 'fhir.read', 'Binary', kind ? 'allowed' : 'denied', { entityId: id });
    if (!kind) throw notFoundFhir('Binary', id);
    if (kind.kind === 'report') {
      const text = (await compartment.reportText(id)) ?? '';
      return { contentType: 'text/plain; charset=utf-8', body: Buffer.from(text, 'utf8') };
    }
    const caller = access.caller;
    if (kind.kind === 'opinion-file') {
      const file = await this.binaries.opinionFile(caller, kind.requestId, id);
      return { contentType: file.contentType, body: file.stream };
    }
    if (!caller.userId || !caller.role || !caller.sessionId) throw notFoundFhir('Binary', id);
    const statement = await this.binaries.statementPdf(
      { ...caller, userId: caller.userId, role: caller.role, sessionId: caller.sessionId },
      id,
    );
    return { contentType: 'application/pdf', body: statement.pdf };
  }
}

/** `_total`: none | estimate | accurate (estimate is answered like the default: counted when cheap). */
function totalOf(raw: string | undefined): 'none' | 'estimate' | 'accurate' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'none' || raw === 'estimate' || raw === 'accurate') return raw;
  throw new FhirError(400, 'invalid', '_total must be none, estimate or accurate.');
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_COUNT;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 0 || String(n) !== raw.trim()) {
    throw new FhirError(400, 'invalid', '_count must be a whole number.');
  }
  return Math.min(n, MAX_COUNT);
}
