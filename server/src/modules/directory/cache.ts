import type { DirectoryFacets } from '@portico/contracts';
import type { ClinicianArea, DirectoryFilters, TermQuery } from './search-repository.js';

/** Entries per map before it starts over: bounded memory whatever people type. */
const MAX_ENTRIES = 2000;

/**
 * What one server instance remembers of the directory, all of it valid for one
 * `directory_state.version` (migration 0035): the facets, the clinical areas' names, the tsquery
 * fragments of typed words (typo corrections and search words), and result counts. Every statement that feeds it reports
 * the version it read; a newer one empties it. A write anywhere moves the version in the writer's
 * transaction, so another instance notices on its next search or facets look-up — no message to lose.
 */
export class DirectoryCache {
  private version = '';
  private facets: DirectoryFacets | null = null;
  private areas: ClinicianArea[] | null = null;
  private readonly terms = new Map<string, TermQuery[]>();
  private readonly counts = new Map<string, number>();

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

function bounded<K, V>(map: Map<K, V>): Map<K, V> {
  if (map.size >= MAX_ENTRIES) map.clear();
  return map;
}
