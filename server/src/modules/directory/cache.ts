import type { DirectoryFacets } from '@portico/contracts';
import type { ClinicianArea, DirectoryFilters, PageRow, SearchSort, TermQuery } from './search-repository.js';

/** Entries per map before it starts over: bounded memory whatever people type. */
const MAX_ENTRIES = 2000;
/** Cards remembered at most (about 1 KB each): a directory of this size fits whole. */
const MAX_CARDS = 20_000;

/**
 * What one server instance remembers of the directory, all of it valid for one
 * `directory_state.version` (migration 0035): the facets, the clinical areas' names, the tsquery
 * fragments of typed words (typo corrections and search words), result counts, and which
 * clinicians each page lists (their cards are read each time: "next available" moves without the version). Every statement that feeds it reports
 * the version it read; a newer one empties it. A write anywhere moves the version in the writer's
 * transaction, so another instance notices on its next search or facets look-up — no message to lose.
 */
export class DirectoryCache {
  private version = '';
  private facets: DirectoryFacets | null = null;
  private areas: ClinicianArea[] | null = null;
  private readonly terms = new Map<string, TermQuery[]>();
  private readonly counts = new Map<string, number>();
  private readonly pages = new Map<string, string[]>();
  private readonly cards = new Map<string, PageRow>();

  /** The version the cached entries are valid for ('' before anything was read). */
  get current(): string {
    return this.version;
  }

  /**
   * A statement saw `version`: when it is newer than the cached entries, they are dropped. An older
   * one (a statement that started before another finished) changes nothing: newer entries serve it.
   */
  observe(version: string): void {
    if (version === '' || (this.version !== '' && BigInt(version) <= BigInt(this.version))) return;
    this.version = version;
    this.facets = null;
    this.areas = null;
    this.terms.clear();
    this.counts.clear();
    this.pages.clear();
    this.cards.clear();
  }

  getFacets(version: string): DirectoryFacets | null {
    this.observe(version);
    return this.facets;
  }

  /** Stores facets computed after `version` was read (so they are at least that new). */
  setFacets(version: string, facets: DirectoryFacets): void {
    if (version === this.version) this.facets = facets;
  }

  /** Every clinical area by name (the names on the cards), when read at `version` or later. */
  getAreas(version: string): ClinicianArea[] | null {
    this.observe(version);
    return this.areas;
  }

  setAreas(version: string, areas: ClinicianArea[]): void {
    this.observe(version);
    if (version === this.version) this.areas = areas;
  }

  getTerms(terms: string[]): TermQuery[] | undefined {
    return this.terms.get(terms.join(' '));
  }

  setTerms(version: string, terms: string[], value: TermQuery[]): void {
    this.observe(version);
    if (version === this.version) bounded(this.terms).set(terms.join(' '), value);
  }

  getCount(version: string, f: DirectoryFilters): number | undefined {
    const key = countKey(f);
    this.observe(version);
    return key !== null ? this.counts.get(key) : undefined;
  }

  /** The ids of a page read at the cached version (undefined: not remembered, or never remembered). */
  getPage(f: DirectoryFilters, page: PageOf): string[] | undefined {
    const key = pageKey(f, page);
    return key !== null ? this.pages.get(key) : undefined;
  }

  setPage(version: string, f: DirectoryFilters, page: PageOf, ids: string[]): void {
    const key = pageKey(f, page);
    this.observe(version);
    if (key !== null && version === this.version) bounded(this.pages).set(key, ids);
  }

  /** These clinicians' cards as read at the cached version, or null unless every one is remembered. */
  getCards(ids: string[]): PageRow[] | null {
    const rows: PageRow[] = [];
    for (const id of ids) {
      const card = this.cards.get(id);
      if (!card) return null;
      rows.push(card);
    }
    return rows;
  }

  /** Cards read at `version` (their "next available" is read again each time they are shown). */
  setCards(version: string, rows: PageRow[]): void {
    this.observe(version);
    if (version !== this.version) return;
    for (const row of rows) bounded(this.cards, MAX_CARDS).set(row.id, row);
  }

  setCount(version: string, f: DirectoryFilters, n: number): void {
    const key = countKey(f);
    if (key !== null && version === this.version) bounded(this.counts).set(key, n);
  }
}

/**
 * The key of a count, or null when it must not be cached: "available within N days" moves with the
 * clock and with scheduling's "next available" updates, which do not move the version.
 */
function countKey(f: DirectoryFilters): string | null {
  if (f.availableBefore) return null;
  return JSON.stringify([
    f.terms,
    f.serviceLine ?? null,
    f.clinicalArea ?? null,
    f.organization ?? null,
    f.language ?? null,
    f.state ?? null,
    f.visitMode ?? null,
    f.newPatients ?? false,
    f.management ?? false,
  ]);
}

/** Which page of a search, in which order. */
export interface PageOf {
  sort: SearchSort;
  limit: number;
  offset: number;
}

/**
 * The key of a page, or null when it must not be cached: its order or its matches move with
 * scheduling's "next available" updates, which do not move the version.
 */
function pageKey(f: DirectoryFilters, page: PageOf): string | null {
  const filters = countKey(f);
  if (filters === null || page.sort === 'next_available') return null;
  return `${page.sort} ${page.limit} ${page.offset} ${filters}`;
}

function bounded<K, V>(map: Map<K, V>, max = MAX_ENTRIES): Map<K, V> {
  if (map.size >= max) map.clear();
  return map;
}
