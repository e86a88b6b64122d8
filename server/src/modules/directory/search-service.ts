import type { DirectoryFacets } from '@portico/contracts';
import { DirectoryCache } from './cache.js';
import { withAreas, type CardRow } from './cards.js';
import type { ClinicianArea, DirectoryFilters, SearchRepository, SearchSort, TermQuery } from './search-repository.js';

/**
 * The public directory's reads with this instance's cache (decision 0049): a search is one
 * statement when its typed words are known and its page shows where the list ends; a count runs
 * only when it does not (and is remembered); "what to relax" is one statement; facets are read
 * once per directory version.
 */
export class DirectorySearch {
  private readonly cache = new DirectoryCache();

  constructor(private readonly repo: SearchRepository) {}

  /** The tsquery fragments of typed words, and the version they were made at (null: no words). */
  private async termsFor(terms: string[]): Promise<{ termQueries: TermQuery[]; version: string | null }> {
    if (terms.length === 0) return { termQueries: [], version: null };
    const cached = this.cache.getTerms(terms);
    if (cached) return { termQueries: cached, version: this.cache.current };
    const { version, termQueries } = await this.repo.termQueries(terms);
    this.cache.setTerms(version, terms, termQueries);
    return { termQueries, version };
  }

  async search(
    f: DirectoryFilters,
    opts: { sort: SearchSort; limit: number; offset: number },
  ): Promise<{ rows: CardRow[]; total: number; version: string }> {
    let terms = await this.termsFor(f.terms);
    let page = await this.repo.page(f, terms.termQueries, f.terms, opts);
    if (terms.version !== null && page.version !== terms.version) {
      // Words, search words or clinicians changed since the fragments were made: make them again.
      this.cache.observe(page.version);
      terms = await this.termsFor(f.terms);
      page = await this.repo.page(f, terms.termQueries, f.terms, opts);
    }
    this.cache.observe(page.version);
    const named = page.rows.some((r) => r.area_ids.length > 0);
    const rows = withAreas(page.rows, named ? await this.areas(page.version) : []);
    // A page that shows the end of the list (or an empty first page) gives the total itself.
    if (!page.more && (page.rows.length > 0 || opts.offset === 0)) {
      return { rows, total: opts.offset + page.rows.length, version: page.version };
    }
    const [total = 0] = await this.counts(page.version, [f]);
    return { rows, total, version: page.version };
  }

  /** Every clinical area by name, read once per directory version (`version`: the page's). */
  private async areas(version: string): Promise<ClinicianArea[]> {
    const cached = this.cache.getAreas(version);
    if (cached) return cached;
    const list = await this.repo.areaList();
    this.cache.setAreas(list.version, list.areas);
    return list.areas;
  }

  /** How many clinicians each set of filters finds: remembered ones from the cache, the rest in one statement. */
  async counts(version: string, sets: DirectoryFilters[]): Promise<number[]> {
    const out = sets.map((f) => this.cache.getCount(version, f));
    const missing = sets.flatMap((f, i) => (out[i] === undefined ? [i] : []));
    if (missing.length === 0) return out.map((n) => n ?? 0);
    const variants = await Promise.all(
      missing.map(async (i) => {
        const filters = sets[i] ?? { terms: [] };
        return { filters, termQueries: (await this.termsFor(filters.terms)).termQueries };
      }),
    );
    const counted = await this.repo.counts(variants);
    missing.forEach((i, j) => {
      const n = counted[j] ?? 0;
      out[i] = n;
      const filters = sets[i];
      if (filters) this.cache.setCount(version, filters, n);
    });
    return out.map((n) => n ?? 0);
  }

  async facets(): Promise<DirectoryFacets> {
    const version = await this.repo.version();
    const cached = this.cache.getFacets(version);
    if (cached) return cached;
    const f = await this.repo.facets();
    const facets: DirectoryFacets = {
      serviceLines: f.lines.map((l) => ({ value: l.value, label: l.label, count: Number(l.count) })),
      organizations: f.orgs.map((o) => ({ value: o.value, label: o.label, count: Number(o.count) })),
      languages: f.langs.map((l) => ({ value: l.value, label: l.value, count: Number(l.count) })),
      states: f.states.map((s) => ({ value: s.value, label: s.value, count: Number(s.count) })),
      clinicalAreas: f.areas.map((a) => ({
        id: a.id,
        name: a.name,
        serviceLineCode: a.service_line_code,
        organizationId: a.organization_id,
      })),
    };
    this.cache.setFacets(version, facets);
    return facets;
  }
}
