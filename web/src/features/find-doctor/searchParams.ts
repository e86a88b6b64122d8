import type { DirectoryQuery, VisitMode } from '@portico/contracts';

/** Results per page: short enough to scan on a phone. */
export const PAGE_SIZE = 10;

export const VISIT_MODES: readonly VisitMode[] = ['video', 'phone', 'in_person'];
export const WITHIN_DAYS = [3, 7, 14, 30] as const;
export const SORTS = ['relevance', 'next_available', 'name'] as const;
export type Sort = (typeof SORTS)[number];

/** The filters a person can set (everything in the query except paging and free text). */
export const FILTER_KEYS = [
  'serviceLine',
  'clinicalArea',
  'organization',
  'language',
  'state',
  'visitMode',
  'newPatients',
  'availableWithinDays',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.find((item) => item === value);
}

function intIn(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The directory query held in the address bar. Values the server would refuse (a hand-edited or
 * old link) are dropped rather than turned into an error page.
 */
export function readQuery(params: URLSearchParams): DirectoryQuery {
  const query: DirectoryQuery = {};
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) query.q = q;
  const serviceLine = params.get('serviceLine');
  if (serviceLine && /^[a-z0-9-]{1,40}$/.test(serviceLine)) query.serviceLine = serviceLine;
  const clinicalArea = params.get('clinicalArea');
  if (clinicalArea && UUID.test(clinicalArea)) query.clinicalArea = clinicalArea;
  const organization = params.get('organization');
  if (organization && UUID.test(organization)) query.organization = organization;
  const language = params.get('language');
  if (language && /^[a-z]{2,3}$/.test(language)) query.language = language;
  const state = params.get('state');
  if (state && /^[A-Z]{2}$/.test(state)) query.state = state;
  const visitMode = oneOf(VISIT_MODES, params.get('visitMode'));
  if (visitMode) query.visitMode = visitMode;
  if (params.get('newPatients') === 'true') query.newPatients = true;
  const within = intIn(params.get('availableWithinDays'), 1, 90);
  if (within !== undefined) query.availableWithinDays = within;
  const sort = oneOf(SORTS, params.get('sort'));
  if (sort && sort !== 'relevance') query.sort = sort;
  const page = intIn(params.get('page'), 1, 1000);
  if (page !== undefined && page > 1) query.page = page;
  return query;
}

/** The address-bar form of a query (stable key order, defaults left out, so links stay short). */
export function writeQuery(query: DirectoryQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value === undefined || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  if (query.sort && query.sort !== 'relevance') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}

/** The same query without one filter (or the free text), back on page 1. */
export function withoutFilter(query: DirectoryQuery, filter: string): DirectoryQuery {
  const next: DirectoryQuery = { ...query };
  delete next.page;
  if (filter === 'q') delete next.q;
  const key = FILTER_KEYS.find((k) => k === filter);
  if (key) delete next[key];
  return next;
}

/** How many filters are set (for the collapsed "Filters (2)" button). */
export function activeFilterCount(query: DirectoryQuery): number {
  return FILTER_KEYS.filter((key) => query[key] !== undefined).length;
}
