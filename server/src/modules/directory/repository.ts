import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import { AreaRepository } from './area-repository.js';
import {
  areasJson,
  CARD_COLUMNS,
  SearchRepository,
  type ClinicianRow,
  type DirectoryFilters,
  type SearchSort,
} from './search-repository.js';
import { withAreas, type CardRow } from './cards.js';
import { SynonymRepository } from './synonym-repository.js';
import type { CliniciansTable, Database } from '../../db/schema.js';

export type { ClinicianRow, DirectoryFilters } from './search-repository.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Clinicians, clinical areas and the search index. */
export class DirectoryRepository {
  private readonly searches: SearchRepository;

  constructor(private readonly db: Kysely<Database>) {
    this.searches = new SearchRepository(db);
  }

  /** The search words per service line, on the same connection. */
  synonymRepository(): SynonymRepository {
    return new SynonymRepository(this.db);
  }

  /** The clinical areas clinicians are filed under, on the same connection. */
  areaRepository(): AreaRepository {
    return new AreaRepository(this.db);
  }

  /** The search statements (typed words, pages, counts, facets), on the same connection. */
  searchRepository(): SearchRepository {
    return this.searches;
  }

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: DirectoryRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new DirectoryRepository(trx), trx));
  }

  /**
   * One page and the number of matches, with no cache: the typed-word statement (when words were
   * typed), the page statement, the clinical areas' names (when a card has one), and a count only
   * when the page does not show where the list ends.
   */
  async search(
    f: DirectoryFilters,
    opts: { sort: SearchSort; limit: number; offset: number },
  ): Promise<{ rows: CardRow[]; total: number }> {
    const termQueries = f.terms.length ? (await this.searches.termQueries(f.terms)).termQueries : [];
    const { ids } = await this.searches.pageIds(f, termQueries, f.terms, opts);
    const page = ids.length ? (await this.searches.cards(ids.slice(0, opts.limit))).rows : [];
    const more = ids.length > opts.limit;
    const known = !more && (ids.length > 0 || opts.offset === 0);
    const total = known
      ? opts.offset + ids.length
      : ((await this.searches.counts([{ filters: f, termQueries }]))[0] ?? 0);
    const named = page.some((r) => r.area_ids.length > 0);
    const rows = withAreas(page, named ? (await this.searches.areaList()).areas : []);
    return { rows, total };
  }

  /** How many clinicians the filters find. */
  async count(f: DirectoryFilters): Promise<number> {
    const termQueries = f.terms.length ? (await this.searches.termQueries(f.terms)).termQueries : [];
    return (await this.searches.counts([{ filters: f, termQueries }]))[0] ?? 0;
  }

  get(id: string): Promise<ClinicianRow | undefined> {
    return this.searches
      .base()
      .where('c.id', '=', id)
      .select([...CARD_COLUMNS, areasJson('c.id').as('areas')])
      .executeTakeFirst();
  }

  async photo(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('clinicians').select('photo_svg').where('id', '=', id).executeTakeFirst())
      ?.photo_svg;
  }

  facets() {
    return this.searches.facets();
  }

  async clinicianOrganization(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('clinicians').select('organization_id').where('id', '=', id).executeTakeFirst())
      ?.organization_id;
  }

  async insertClinician(c: Insertable<CliniciansTable>): Promise<string> {
    const row = await this.db.insertInto('clinicians').values(c).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async updateClinician(id: string, c: Updateable<CliniciansTable>): Promise<void> {
    await this.db.updateTable('clinicians').set(c).where('id', '=', id).execute();
  }

  async setAreas(clinicianId: string, areaIds: string[]): Promise<void> {
    await this.db.deleteFrom('clinician_clinical_areas').where('clinician_id', '=', clinicianId).execute();
    if (areaIds.length) {
      await this.db
        .insertInto('clinician_clinical_areas')
        .values(areaIds.map((a) => ({ clinician_id: clinicianId, clinical_area_id: a })))
        .execute();
    }
  }

  /** Rebuilds the search text and weighted document for some clinicians (all when ids is null). */
  async refreshSearch(ids: string[] | null, db: Db = this.db): Promise<void> {
    await sql`
      with docs as (
        select c.id,
          lower(concat_ws(' ', c.given_name, c.family_name, c.specialty, sl.name, x.area_names, x.keywords)) as text,
          setweight(to_tsvector('simple', concat_ws(' ', c.given_name, c.family_name)), 'A') ||
          setweight(to_tsvector('simple', concat_ws(' ', c.specialty, sl.name, x.area_names)), 'B') ||
          setweight(to_tsvector('simple', concat_ws(' ', x.keywords, c.bio)), 'C') as doc
        from clinicians c
        join service_lines sl on sl.code = c.service_line_code
        left join lateral (
          select string_agg(a.name, ' ') as area_names, string_agg(a.keywords, ' ') as keywords
          from clinician_clinical_areas cca join clinical_areas a on a.id = cca.clinical_area_id
          where cca.clinician_id = c.id) x on true
        ${ids ? sql`where c.id = any(${ids}::uuid[])` : sql``}
      )
      update clinicians c set search_text = docs.text, search_document = docs.doc
      from docs where docs.id = c.id
        -- Rows whose text did not change are left alone: no dead row and no index entries to add.
        and (c.search_text is distinct from docs.text or c.search_document is distinct from docs.doc)`.execute(db);
    // New words (a new clinician, a renamed area) join the typo-correction list; stale ones are harmless.
    await sql`
      insert into directory_words (word)
      select word from ts_stat('select search_document from clinicians')
      where length(word) between 3 and 60 and word ~ '^[[:alpha:]]+$'
      on conflict do nothing`.execute(db);
  }

  async serviceLineExists(code: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('service_lines').select('code').where('code', '=', code).executeTakeFirst()) !==
      undefined
    );
  }
}
