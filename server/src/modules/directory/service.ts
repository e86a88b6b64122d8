import type {
  ClinicalArea,
  ClinicalAreaBody,
  ClinicalAreaList,
  ClinicianBody,
  ClinicianCard,
  DirectoryFacets,
  DirectoryQuery,
  DirectoryResult,
  SearchWords,
  SearchWordsList,
} from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound, validation } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { initialsAvatar } from '../../lib/avatar.js';
import type { AuditService } from '../audit/index.js';
import type { DirectoryFilters, DirectoryRepository } from './repository.js';
import type { CardRow } from './cards.js';
import type { AreaRepository } from './area-repository.js';
import type { SynonymRepository } from './synonym-repository.js';
import { DirectorySearch } from './search-service.js';

const FILTER_KEYS = [
  'q',
  'serviceLine',
  'clinicalArea',
  'organization',
  'language',
  'state',
  'visitMode',
  'newPatients',
  'availableWithinDays',
] as const;

/** A search word as stored: lower case letters (any script) and digits. */
const SEARCH_WORD = /^[\p{L}\p{N}]{2,40}$/u;

/** Words a person typed, cleaned for search: lower case, letters and digits, at most six. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 6);
}

/** "Find a Virtual Visit Doctor" and the clinician/clinical-area records behind it. */
export class DirectoryService {
  private readonly synonyms: SynonymRepository;
  private readonly areas: AreaRepository;
  private readonly searches: DirectorySearch;

  constructor(
    private readonly repo: DirectoryRepository,
    private readonly audit: AuditService,
  ) {
    this.synonyms = repo.synonymRepository();
    this.areas = repo.areaRepository();
    this.searches = new DirectorySearch(repo.searchRepository());
  }

  // ---- search words (admins) ----

  /** Every service line with the words that find all of its clinicians. */
  async listSearchWords(caller: AuthenticatedCaller): Promise<SearchWordsList> {
    if (caller.role !== 'admin') throw forbidden();
    const rows = await this.synonyms.list();
    return { serviceLines: rows.map((r) => ({ serviceLineCode: r.code, serviceLineName: r.name, words: r.words })) };
  }

  /** Replaces one service line's search words: lower case letters and digits, 2–40 long. */
  async replaceSearchWords(caller: AuthenticatedCaller, code: string, typed: string[]): Promise<SearchWords> {
    if (caller.role !== 'admin') throw forbidden();
    if (!(await this.repo.serviceLineExists(code))) throw notFound('This service line');
    const words = [...new Set(typed.map((w) => w.trim().toLowerCase()).filter((w) => w !== ''))];
    const bad = words.filter((w) => !SEARCH_WORD.test(w));
    if (bad.length) {
      throw new AppError('search_word_invalid', 422, `Use single words of letters and digits: ${bad.join(', ')}.`, [
        {
          field: 'words',
          message: `Use single words of 2 to 40 letters or digits, without spaces: ${bad.join(', ')}.`,
        },
      ]);
    }
    await this.repo.transaction(async (repo, trx) => {
      await repo.synonymRepository().replace(code, words);
      await this.recordChange(
        caller,
        {
          action: 'directory.search_words.update',
          entityType: 'HealthcareService',
          detail: { serviceLine: code, words: words.length },
        },
        trx,
      );
    });
    const row = (await this.synonyms.list()).find((r) => r.code === code);
    if (!row) throw notFound('This service line');
    return { serviceLineCode: row.code, serviceLineName: row.name, words: row.words };
  }

  private filters(q: DirectoryQuery & { organization?: string | undefined }): DirectoryFilters {
    return {
      terms: searchTerms(q.q),
      ...(q.serviceLine ? { serviceLine: q.serviceLine } : {}),
      ...(q.clinicalArea ? { clinicalArea: q.clinicalArea } : {}),
      ...(q.organization ? { organization: q.organization } : {}),
      ...(q.language ? { language: q.language } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.visitMode ? { visitMode: q.visitMode } : {}),
      ...(q.newPatients ? { newPatients: true } : {}),
      ...(q.availableWithinDays ? { availableBefore: new Date(Date.now() + q.availableWithinDays * 86_400_000) } : {}),
    };
  }

  async search(query: DirectoryQuery): Promise<DirectoryResult> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const sort = query.sort ?? (query.q ? 'relevance' : 'name');
    const { rows, total, version } = await this.searches.search(this.filters(query), {
      sort,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const relax = total === 0 ? await this.relaxSuggestions(query, version) : [];
    return { clinicians: rows.map(toCard), total, page, pageSize, relax };
  }

  /** Staff view of their organization's clinicians, including inactive and in-person-only ones. */
  async searchForStaff(caller: AuthenticatedCaller, query: DirectoryQuery): Promise<DirectoryResult> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const organization = caller.role === 'admin' ? query.organization : (caller.organizationId ?? undefined);
    const filters = { ...this.filters({ ...query, organization }), management: true };
    const { rows, total } = await this.repo.search(filters, {
      sort: query.sort ?? 'name',
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { clinicians: rows.map(toCard), total, page, pageSize, relax: [] };
  }

  /** One clinician for editing; outside the caller's organization it is not found. */
  async getForStaff(
    caller: AuthenticatedCaller,
    id: string,
  ): Promise<ClinicianCard & { bio: string; active: boolean }> {
    const card = await this.get(id, true);
    if (caller.role !== 'admin' && card.organizationId !== caller.organizationId) throw notFound('This clinician');
    return card;
  }

  /** For an empty result: the filters whose removal alone would give results, best first (one statement). */
  private async relaxSuggestions(query: DirectoryQuery, version: string): Promise<DirectoryResult['relax']> {
    const active = FILTER_KEYS.filter((k) => query[k] !== undefined && query[k] !== '' && query[k] !== false);
    if (active.length === 0) return [];
    const counts = await this.searches.counts(
      version,
      active.map((filter) => this.filters({ ...query, [filter]: undefined })),
    );
    return active
      .map((filter, i) => ({ filter, resultCount: counts[i] ?? 0 }))
      .filter((c) => c.resultCount > 0)
      .sort((a, b) => b.resultCount - a.resultCount);
  }

  /** The filter choices with their counts; read again only after the directory changed. */
  facets(): Promise<DirectoryFacets> {
    return this.searches.facets();
  }

  /** Public card for one clinician; inactive clinicians are not found. */
  async get(id: string, includeInactive = false): Promise<ClinicianCard & { bio: string; active: boolean }> {
    const row = await this.repo.get(id);
    if (!row || (!row.active && !includeInactive)) throw notFound('This clinician');
    return { ...toCard(row), bio: row.bio, active: row.active };
  }

  async photo(id: string): Promise<string> {
    const svg = await this.repo.photo(id);
    if (!svg) throw notFound('This photo');
    return svg;
  }

  async setNextAvailable(id: string, at: Date | null): Promise<void> {
    await this.repo.updateClinician(id, { next_available_at: at });
  }

  /** Organization a clinician belongs to, for access checks in other modules. */
  async organizationOf(id: string): Promise<string | null> {
    return (await this.repo.clinicianOrganization(id)) ?? null;
  }

  // ---- management (staff and admins) ----

  private assertOrg(caller: AuthenticatedCaller, organizationId: string): void {
    if (caller.role !== 'admin' && caller.organizationId !== organizationId) {
      throw validation([{ field: 'organizationId', message: 'You can manage your own organization only.' }]);
    }
  }

  private async checkBody(caller: AuthenticatedCaller, body: ClinicianBody): Promise<void> {
    this.assertOrg(caller, body.organizationId);
    if (!(await this.repo.serviceLineExists(body.serviceLineCode))) {
      throw validation([{ field: 'serviceLineCode', message: 'Choose one of the listed service lines.' }]);
    }
    const areas = await this.areas.areaOrganizations(body.clinicalAreaIds);
    if (areas.length !== body.clinicalAreaIds.length || areas.some((a) => a.organization_id !== body.organizationId)) {
      throw validation([
        { field: 'clinicalAreaIds', message: "Choose clinical areas of the clinician's organization." },
      ]);
    }
  }

  async createClinician(caller: AuthenticatedCaller, body: ClinicianBody): Promise<ClinicianCard> {
    await this.checkBody(caller, body);
    const id = await this.repo.transaction(async (repo, trx) => {
      const newId = await repo.insertClinician(clinicianValues(body));
      await repo.setAreas(newId, body.clinicalAreaIds);
      await repo.refreshSearch([newId]);
      await this.recordChange(
        caller,
        { action: 'directory.clinician.create', entityType: 'Practitioner', entityId: newId },
        trx,
      );
      return newId;
    });
    return this.get(id, true);
  }

  async updateClinician(caller: AuthenticatedCaller, id: string, body: ClinicianBody): Promise<ClinicianCard> {
    const current = await this.repo.clinicianOrganization(id);
    if (!current || (caller.role !== 'admin' && current !== caller.organizationId)) throw notFound('This clinician');
    await this.checkBody(caller, body);
    await this.repo.transaction(async (repo, trx) => {
      await repo.updateClinician(id, clinicianValues(body));
      await repo.setAreas(id, body.clinicalAreaIds);
      await repo.refreshSearch([id]);
      await this.recordChange(
        caller,
        { action: 'directory.clinician.update', entityType: 'Practitioner', entityId: id },
        trx,
      );
    });
    return this.get(id, true);
  }

  /** Audits a change inside its transaction `trx`, as its last write: both commit or neither (decision 0027). */
  private async recordChange(caller: AuthenticatedCaller, change: AdminChange, trx: Kysely<Database>): Promise<void> {
    await this.audit.record(caller, { ...change, outcome: 'allowed' }, trx);
  }

  async listAreas(caller: AuthenticatedCaller | null): Promise<ClinicalAreaList> {
    const rows = await this.areas.listAreas(caller && caller.role !== 'admin' ? caller.organizationId : null);
    return { clinicalAreas: rows.map(toArea) };
  }

  async createArea(caller: AuthenticatedCaller, body: ClinicalAreaBody): Promise<ClinicalArea> {
    this.assertOrg(caller, body.organizationId);
    if (!(await this.repo.serviceLineExists(body.serviceLineCode))) {
      throw validation([{ field: 'serviceLineCode', message: 'Choose one of the listed service lines.' }]);
    }
    try {
      const id = await this.repo.transaction(async (repo, trx) => {
        const newId = await repo.areaRepository().insertArea(body);
        await this.recordChange(
          caller,
          { action: 'directory.area.create', entityType: 'HealthcareService', entityId: newId },
          trx,
        );
        return newId;
      });
      return { id, ...body, clinicianCount: 0 };
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('conflict', 409, 'This organization already has a clinical area with that name.', [
          { field: 'name', message: 'Already exists.' },
        ]);
      }
      throw err;
    }
  }

  async updateArea(caller: AuthenticatedCaller, id: string, body: ClinicalAreaBody): Promise<ClinicalArea> {
    this.assertOrg(caller, body.organizationId);
    await this.repo.transaction(async (repo, trx) => {
      const ok = await repo
        .areaRepository()
        .updateArea(id, caller.role === 'admin' ? null : caller.organizationId, body);
      if (!ok) throw notFound('This clinical area');
      await repo.refreshSearch(null);
      await this.recordChange(
        caller,
        { action: 'directory.area.update', entityType: 'HealthcareService', entityId: id },
        trx,
      );
    });
    const row = (await this.areas.listAreas(null)).find((a) => a.id === id);
    if (!row) throw notFound('This clinical area');
    return toArea(row);
  }
}

/** What an admin change's audit row says besides who, when and that it was allowed. */
interface AdminChange {
  action: string;
  entityType: string;
  entityId?: string;
  detail?: Record<string, string | number | boolean>;
}

/** Table values for a clinician form; the photo is regenerated from the name. */
function clinicianValues(body: ClinicianBody) {
  return {
    organization_id: body.organizationId,
    given_name: body.givenName.trim(),
    family_name: body.familyName.trim(),
    credentials: body.credentials.trim(),
    specialty: body.specialty.trim(),
    service_line_code: body.serviceLineCode,
    languages: body.languages,
    licensed_states: body.licensedStates,
    visit_modes: body.visitModes,
    accepting_new_patients: body.acceptingNewPatients,
    self_scheduling: body.selfScheduling,
    bio: body.bio,
    active: body.active ?? true,
    photo_svg: initialsAvatar(body.givenName, body.familyName),
  };
}

function toCard(r: CardRow): ClinicianCard {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    givenName: r.given_name,
    familyName: r.family_name,
    credentials: r.credentials,
    specialty: r.specialty,
    serviceLineCode: r.service_line_code,
    serviceLineName: r.service_line_name,
    photoUrl: `/api/directory/clinicians/${r.id}/photo.svg`,
    languages: r.languages,
    licensedStates: r.licensed_states,
    visitModes: r.visit_modes,
    acceptingNewPatients: r.accepting_new_patients,
    selfScheduling: r.self_scheduling,
    clinicalAreas: r.areas ?? [],
    nextAvailableAt: r.next_available_at ? r.next_available_at.toISOString() : null,
  };
}

function toArea(r: {
  id: string;
  organization_id: string;
  service_line_code: string;
  name: string;
  keywords: string;
  clinician_count: string;
}): ClinicalArea {
  return {
    id: r.id,
    organizationId: r.organization_id,
    serviceLineCode: r.service_line_code,
    name: r.name,
    keywords: r.keywords,
    clinicianCount: Number(r.clinician_count),
  };
}
