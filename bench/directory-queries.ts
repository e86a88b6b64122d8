/**
 * The directory benchmark's query kinds, and the mapping from a public query string to the
 * repository's filters (the same mapping DirectoryService makes), shared by the orchestrator
 * (bench/directory.ts), the same-SQL reference server and the EXPLAIN printout.
 */
import type { VisitMode } from '../server/src/db/schema.js';
import type { DirectoryFilters } from '../server/src/modules/directory/repository.js';
import { searchTerms } from '../server/src/modules/directory/service.js';

export interface Kind {
  /** Short name for RESULT lines. */
  key: string;
  name: string;
  /** Query strings for GET /api/directory/clinicians (without the ?), sent in turn; null: the facets. */
  queries: string[] | null;
}

export function kinds(ids: { cancer: string }): Kind[] {
  return [
    {
      key: 'specialty',
      name: 'specialty word',
      queries: ['q=cardiology', 'q=dermatology', 'q=psychiatry', 'q=neurology'],
    },
    { key: 'prefix', name: 'prefix', queries: ['q=cardio', 'q=derm', 'q=gastro', 'q=ortho'] },
    { key: 'typo', name: 'typo', queries: ['q=dermotology', 'q=cardiolgy', 'q=gastroenterolgy', 'q=rheumatolgy'] },
    { key: 'name', name: 'name fragment', queries: ['q=nakam', 'q=okafor', 'q=elena%20ross', 'q=lindq'] },
    {
      key: 'condition',
      name: 'condition words',
      queries: ['q=afib', 'q=heart%20failure', 'q=acid%20reflux', 'q=eczema'],
    },
    {
      key: 'filters',
      name: 'filters only',
      queries: [
        'serviceLine=cardiac&language=es',
        'state=NH&visitMode=phone&newPatients=true',
        `organization=${ids.cancer}&serviceLine=oncology`,
        'language=pt&state=MA',
      ],
    },
    {
      key: 'text_filters',
      name: 'text + filters',
      queries: [
        'q=cardio&language=es&state=MA&visitMode=video',
        'q=skin&newPatients=true',
        'q=anxiety&language=zh',
        'q=knee&state=NH',
      ],
    },
    {
      key: 'later_pages',
      name: 'page 2+',
      queries: ['sort=name&page=5', 'q=medicine&page=3', 'serviceLine=primary-care&page=4', 'q=care&page=10'],
    },
    {
      key: 'next_available',
      name: 'next available',
      queries: [
        'availableWithinDays=7&sort=next_available',
        'serviceLine=psychiatry&availableWithinDays=14&sort=next_available',
        'q=derm&availableWithinDays=3',
        'language=es&availableWithinDays=7&sort=next_available',
      ],
    },
    {
      key: 'relax',
      name: 'empty → relax',
      queries: [
        'q=dermatology&serviceLine=cardiac&language=ht',
        'q=cardiology&language=ru&state=VT&newPatients=true&visitMode=phone',
        'q=zzqx',
        'serviceLine=transplant&language=ht&state=ME',
      ],
    },
    {
      key: 'distinct',
      name: 'new each time',
      queries: newSearches(),
    },
    { key: 'facets', name: 'facets (page load)', queries: null },
  ];
}

/**
 * Searches no one asked before in the run (words × language × state × one more filter: 4,752, in a
 * fixed shuffled order): each is chosen afresh, so Portico's cache of pages (decision 0064) cannot
 * answer it. bench/directory.ts sends a kind's queries in turn across warm-up and rounds, so none
 * of these repeats within `BENCH_WARMUP + BENCH_SAMPLES` requests to one server.
 */
function newSearches(): string[] {
  const words = [
    'cardio',
    'derm',
    'skin',
    'heart',
    'knee',
    'anxiety',
    'care',
    'medicine',
    'family',
    'child',
    'sleep',
    'cancer',
  ];
  const languages = ['en', 'es', 'pt', 'zh', 'ht', 'fr', 'ar', 'ru', 'vi', 'hi', 'ko'];
  const states = ['MA', 'NH', 'RI', 'CT', 'ME', 'VT', 'NY', 'NJ', 'FL'];
  const extras = ['', '&newPatients=true', '&visitMode=video', '&visitMode=phone'];
  const all = words.flatMap((w) =>
    languages.flatMap((l) => states.flatMap((st) => extras.map((x) => `q=${w}&language=${l}&state=${st}${x}`))),
  );
  // A fixed shuffle (a linear congruential generator), so runs send the same sequence.
  let seed = 16;
  for (let i = all.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [all[i], all[j]] = [all[j] ?? '', all[i] ?? ''];
  }
  return all;
}

/** The filter parameters "what to relax" considers, in the service's order. */
export const FILTER_KEYS = [
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

export interface ParsedQuery {
  filters: DirectoryFilters;
  sort: 'relevance' | 'next_available' | 'name';
  limit: number;
  offset: number;
  page: number;
  pageSize: number;
  /** The filter parameters present, for "what to relax". */
  present: string[];
}

/** A public query string as DirectoryService reads it (defaults included). */
export function parseQuery(search: string, without?: string): ParsedQuery {
  const p = new URLSearchParams(search);
  if (without) p.delete(without);
  const get = (k: string): string | undefined => p.get(k) || undefined;
  const days = get('availableWithinDays');
  const filters: DirectoryFilters = {
    terms: searchTerms(get('q')),
    ...(get('serviceLine') ? { serviceLine: get('serviceLine') } : {}),
    ...(get('clinicalArea') ? { clinicalArea: get('clinicalArea') } : {}),
    ...(get('organization') ? { organization: get('organization') } : {}),
    ...(get('language') ? { language: get('language') } : {}),
    ...(get('state') ? { state: get('state') } : {}),
    ...(get('visitMode') ? { visitMode: get('visitMode') as VisitMode } : {}),
    ...(get('newPatients') === 'true' ? { newPatients: true } : {}),
    ...(days ? { availableBefore: new Date(Date.now() + Number(days) * 86_400_000) } : {}),
  };
  const page = Number(get('page') ?? 1);
  const pageSize = Number(get('pageSize') ?? 20);
  const sort = (get('sort') as ParsedQuery['sort'] | undefined) ?? (get('q') ? 'relevance' : 'name');
  const present = FILTER_KEYS.filter((k) => get(k) !== undefined && !(k === 'newPatients' && get(k) !== 'true'));
  return { filters, sort, limit: pageSize, offset: (page - 1) * pageSize, page, pageSize, present };
}
