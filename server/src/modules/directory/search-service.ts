import type { DirectoryFacets } from '@portico/contracts';
import { DirectoryCache, type PageOf } from './cache.js';
import { withAreas, type CardRow } from './cards.js';
import type {
  ClinicianArea,
  DirectoryFilters,
  PageRow,
  SearchRepository,
  SearchSort,
  TermQuery,
} from './search-repository.js';

/** A page's clinicians in order (`limit + 1` at most), the cards read for them, and the version chosen at. */
interface ChosenPage {
  ids: string[];
  rows: PageRow[];
  version: string;
  /** Every match, when the page statement counted them. */
  total?: number | null;
}

/**
 * The public directory's reads with this instance's cache (decisions 0049, 0064): a search asked
 * before at the same directory version is one statement (its cards, by id); a new one is two (its
 * clinicians chosen, then their cards), after its typed words are looked up once. A count runs only
 * when the page does not show where the list ends (and is remembered); "what to relax" is one
 * statement; facets are read once per directory version.
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
    const page = (await this.rememberedPage(f, opts)) ?? (await this.freshPage(f, opts));
    const named = page.rows.some((r) => r.area_ids.length > 0);
    const rows = withAreas(page.rows, named ? await this.areas(page.version) : []);
    const more = page.ids.length > opts.limit;
    // A page that shows the end of the list (or an empty first page) gives the total itself.
    if (!more && (page.ids.length > 0 || opts.offset === 0)) {
      return { rows, total: opts.offset + page.ids.length, version: page.version };
    }
    if (page.total !== undefined && page.total !== null) return { rows, total: page.total, version: page.version };
    const [total = 0] = await this.counts(page.version, [f]);
    return { rows, total, version: page.version };
  }

  /**
   * A page whose clinicians were chosen before at the cached version. Their cards are remembered
   * too, so only their "next available" is read (it moves with scheduling, not with the version);
   * a card no longer remembered is read whole. Null when the page is not remembered, or when the
   * statement saw a newer version (then the cache is dropped and the page chosen again).
   */
  private async rememberedPage(f: DirectoryFilters, opts: PageOf): Promise<ChosenPage | null> {
    const ids = this.cache.getPage(f, opts);
    if (!ids) return null;
    const version = this.cache.current;
    const shown = ids.slice(0, opts.limit);
    const known = this.cache.getCards(shown);
    if (!known) {
      const cards = await this.repo.cards(shown);
      this.cache.observe(cards.version);
      if (cards.version !== version) return null;
      this.cache.setCards(version, cards.rows);
      return { ids, rows: cards.rows, version };
    }
    const now = await this.repo.nextAvailable(shown);
    this.cache.observe(now.version);
    if (now.version !== version) return null;
    return { ids, rows: withTimes(known, now.times), version };
  }

  /**
   * Chooses the page's clinicians (words looked up first) and remembers them; their cards are read
   * unless every one is remembered at the page's version.
   */
  private async freshPage(f: DirectoryFilters, opts: PageOf): Promise<ChosenPage> {
    let terms = await this.termsFor(f.terms);
    // A count that cannot be remembered ("available within N days") is made by the page statement.
    const counted = { ...opts, counted: f.availableBefore !== undefined };
    let page = await this.repo.pageIds(f, terms.termQueries, f.terms, counted);
    if (terms.version !== null && page.version !== terms.version) {
      // Words, search words or clinicians changed since the fragments were made: make them again.
      this.cache.observe(page.version);
      terms = await this.termsFor(f.terms);
      page = await this.repo.pageIds(f, terms.termQueries, f.terms, counted);
    }
    this.cache.setPage(page.version, f, opts, page.ids);
    const shown = page.ids.slice(0, opts.limit);
    // Cards remembered at this very version need no second statement: the page brought their openings.
    const known = this.cache.current === page.version ? this.cache.getCards(shown) : null;
    if (known) return { ids: page.ids, rows: withTimes(known, page.times), version: page.version, total: page.total };
    const rows = shown.length ? (await this.repo.cards(shown)).rows : [];
    this.cache.setCards(page.version, rows);
    return { ids: page.ids, rows, version: page.version, total: page.total };
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

/** Remembered cards with their next openings as just read; a clinician no longer found is left out. */
function withTimes(cards: PageRow[], times: Map<string, Date | null>): PageRow[] {
  return cards.flatMap((card) => {
    const at = times.get(card.id);
    return at === undefined ? [] : [{ ...card, next_available_at: at }];
  });
}
