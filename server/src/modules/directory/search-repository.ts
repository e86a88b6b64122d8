import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { CliniciansTable, Database, VisitMode } from '../../db/schema.js';
import { PLAN_WITH_VALUES } from '../../db/planner.js';

type ClinicianEb = ExpressionBuilder<Database & { c: CliniciansTable }, 'c'>;

export interface DirectoryFilters {
  terms: string[];
  serviceLine?: string;
  clinicalArea?: string;
  organization?: string;
  language?: string;
  state?: string;
  visitMode?: VisitMode;
  newPatients?: boolean;
  availableBefore?: Date;
  /** Staff view: include inactive and in-person-only clinicians. */
  management?: boolean;
}

export interface ClinicianRow {
  id: string;
  organization_id: string;
  organization_name: string;
  given_name: string;
  family_name: string;
  credentials: string;
  specialty: string;
  service_line_code: string;
  service_line_name: string;
  languages: string[];
  licensed_states: string[];
  visit_modes: VisitMode[];
  accepting_new_patients: boolean;
  self_scheduling: boolean;
  next_available_at: Date | null;
  bio: string;
  active: boolean;
  areas: ClinicianArea[] | null;
}

export interface ClinicianArea {
  id: string;
  name: string;
  serviceLineCode: string;
}

/** A card in a list: no bio, no `active`, and its clinical areas as ids (names come from `areaList`). */
export type PageRow = Omit<ClinicianRow, 'bio' | 'active' | 'areas'> & { area_ids: string[] };

/** What one typed word matches: a tsquery fragment, or membership of these service lines. */
export interface TermQuery {
  tsq: string;
  lines: string[];
}

export type SearchSort = 'relevance' | 'next_available' | 'name';

/** What a card in a list shows (read as `p.*` by the page statement). */
const PAGE_COLUMNS = [
  'c.id',
  'c.organization_id',
  'o.name as organization_name',
  'c.given_name',
  'c.family_name',
  'c.credentials',
  'c.specialty',
  'c.service_line_code',
  'sl.name as service_line_name',
  'c.languages',
  'c.licensed_states',
  'c.visit_modes',
  'c.accepting_new_patients',
  'c.self_scheduling',
  'c.next_available_at',
] as const;

/** One clinician's card with the bio and whether they are listed (the profile and the staff editor). */
export const CARD_COLUMNS = [...PAGE_COLUMNS, 'c.bio', 'c.active'] as const;

/** A tsquery prefix term from a word typed by a person: letters and digits only. */
const prefixTerm = (t: string): string => `${t.replace(/[^\p{L}\p{N}]/gu, '')}:*`;
const clean = (w: string): string => w.replace(/[^\p{L}\p{N}]/gu, '');

/** The clinical areas of one clinician (`id` names its column), as the cards show them. */
export const areasJson = (id: string) =>
  sql<ClinicianRow['areas']>`(
    select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'serviceLineCode', a.service_line_code) order by a.name), '[]'::json)
    from clinician_clinical_areas cca join clinical_areas a on a.id = cca.clinical_area_id
    where cca.clinician_id = ${sql.ref(id)})`;

/**
 * The directory's search statements. SQL only. Each statement that feeds a cache also returns
 * `directory_state.version` read in the same snapshot, so the caller knows what it is valid for.
 */
export class SearchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  base() {
    return this.db
      .selectFrom('clinicians as c')
      .innerJoin('organizations as o', 'o.id', 'c.organization_id')
      .innerJoin('service_lines as sl', 'sl.code', 'c.service_line_code');
  }

  /** The clinicians a search reads, without the joins its cards need. */
  private clinicians() {
    return this.db.selectFrom('clinicians as c');
  }

  where(f: DirectoryFilters, termQueries: TermQuery[]) {
    return (eb: ClinicianEb) => {
      const conds: Expression<SqlBool>[] = [];
      // The public directory lists active clinicians who offer video or phone visits; staff see all
      // of theirs. Written as the partial indexes' predicate, so the planner can match them.
      if (!f.management) {
        conds.push(sql<SqlBool>`c.active`);
        conds.push(sql<SqlBool>`c.visit_modes && array['video','phone']::text[]`);
      }
      // Every word must match: as typed (prefix), a directory word it is a likely typo of, or a
      // search word of a service line ("heart"), which also finds every clinician of that line.
      for (const term of termQueries) {
        const text = sql<SqlBool>`c.search_document @@ to_tsquery('simple', ${term.tsq})`;
        conds.push(term.lines.length ? eb.or([text, eb('c.service_line_code', 'in', term.lines)]) : text);
      }
      if (f.serviceLine) conds.push(eb('c.service_line_code', '=', f.serviceLine));
      if (f.organization) conds.push(eb('c.organization_id', '=', f.organization));
      if (f.language) conds.push(sql<SqlBool>`c.languages @> array[${f.language}]::text[]`);
      if (f.state) conds.push(sql<SqlBool>`c.licensed_states @> array[${f.state}]::text[]`);
      if (f.visitMode) conds.push(sql<SqlBool>`c.visit_modes @> array[${f.visitMode}]::text[]`);
      if (f.newPatients) conds.push(eb('c.accepting_new_patients', '=', true));
      if (f.availableBefore) conds.push(eb('c.next_available_at', '<=', f.availableBefore));
      if (f.clinicalArea) {
        conds.push(
          eb.exists(
            eb
              .selectFrom('clinician_clinical_areas as cca')
              .select('cca.clinician_id')
              .whereRef('cca.clinician_id', '=', 'c.id')
              .where('cca.clinical_area_id', '=', f.clinicalArea),
          ),
        );
      }
      return eb.and(conds);
    };
  }

  /**
   * One tsquery fragment per typed word, in one statement: its prefix, or'ed with up to three
   * directory words it is probably a typo of ("cardiolgy" → cardiology), found through the trigram
   * index on the word list; and the service lines the word (or a correction) names through their
   * search words (whole, or as the start of one once four letters are typed), whose other words
   * join the fragment ("cardiology" also matches "heart").
   */
  async termQueries(terms: string[]): Promise<{ version: string; termQueries: TermQuery[] }> {
    const { rows } = await sql<{ kind: 'similar' | 'synonym' | 'version'; term: string; word: string; line: string }>`
      ${sql.raw(PLAN_WITH_VALUES)}
      with t(term) as (select distinct unnest(${terms}::text[])),
      corrected as (
        select t.term, w.word, w.rank from t cross join lateral (
          select word, row_number() over (order by similarity(word, t.term) desc, word) as rank
          from directory_words where word % t.term
            -- A word that starts some directory word is no typo: correct only the others.
            and not exists (select 1 from directory_words d where left(d.word, length(t.term)) = t.term)
          order by similarity(word, t.term) desc, word limit 3) w
        where length(t.term) >= 4),
      typed as (select term, term as word from t union all select term, word from corrected),
      synonyms as (
        select distinct typed.term, s.service_line_code, s.word as other
        from typed
        join directory_synonyms g on g.word = typed.word or (length(typed.word) >= 4 and g.word like typed.word || '%')
        join directory_synonyms s on s.service_line_code = g.service_line_code)
      select 'similar' as kind, term, word, rank::text as line from corrected
      union all select 'synonym', term, other, service_line_code from synonyms
      union all select 'version', '', version::text, '' from directory_state`.execute(this.db);
    const version = rows.find((r) => r.kind === 'version')?.word ?? '';
    const termQueries = terms.map((term) => {
      const corrections = rows
        .filter((r) => r.kind === 'similar' && r.term === term)
        .sort((a, b) => Number(a.line) - Number(b.line))
        .map((r) => clean(r.word))
        .filter((w) => w.length > 0);
      const mine = rows.filter((r) => r.kind === 'synonym' && r.term === term);
      const words = [...new Set([...corrections, ...mine.map((s) => s.word)])].filter((w) => w !== term);
      const tsq = words.length ? `(${[prefixTerm(term), ...words].join(' | ')})` : prefixTerm(term);
      return { tsq, lines: [...new Set(mine.map((s) => s.line))] };
    });
    return { version, termQueries };
  }

  /**
   * The ids of one page of clinicians, in order: `limit + 1` of them (the extra one only says there
   * is more), no count. Chosen and ranked on the clinicians table alone, planned with the words and
   * filters each time, with the directory version read in the same snapshot (it comes along even
   * when nothing matched) and each one's next opening. The cards are read by `cards`: planning one statement that did both cost
   * more than the second round trip on the embedded database (decision 0064).
   */
  async pageIds(
    f: DirectoryFilters,
    termQueries: TermQuery[],
    terms: string[],
    opts: { sort: SearchSort; limit: number; offset: number; counted?: boolean },
  ): Promise<{ ids: string[]; times: Map<string, Date | null>; version: string; total: number | null }> {
    const tsq = termQueries.map((t) => t.tsq).join(' & ');
    const ranked = opts.sort === 'relevance' && tsq !== '';
    // Words typed as they are rank above their corrections; weights (name A, specialty B) do the rest.
    const rank = ranked
      ? sql<number>`ts_rank(c.search_document, to_tsquery('simple', ${tsq})) + ts_rank(c.search_document, to_tsquery('simple', ${terms.map(prefixTerm).join(' & ')}))`
      : sql<number>`0`;
    let q = this.clinicians()
      .where(this.where(f, termQueries))
      .select(['c.id', 'c.next_available_at', 'c.family_name', 'c.given_name', rank.as('rank')])
      // `counted`: every match is counted here rather than by a statement of its own (a count that
      // cannot be remembered, decision 0064).
      .select(opts.counted ? sql<string>`count(*) over ()`.as('total') : sql<null>`null::bigint`.as('total'));
    if (opts.sort === 'next_available') q = q.orderBy(sql`c.next_available_at asc nulls last`);
    if (ranked) q = q.orderBy('rank', 'desc');
    q = q.orderBy('c.family_name').orderBy('c.given_name').orderBy('c.id');
    const order = [
      ...(opts.sort === 'next_available' ? [sql`k.next_available_at asc nulls last`] : []),
      ...(ranked ? [sql`k.rank desc`] : []),
      sql`k.family_name, k.given_name, k.id`,
    ];
    // Planned with its words and filters each time: the best plan for "cardiology" (385 rows) is
    // not the best for "nakam" (62) or a filter alone.
    const { rows } = await sql<{
      version: string;
      id: string | null;
      next_available_at: Date | null;
      total: string | null;
    }>`
      ${sql.raw(PLAN_WITH_VALUES)}
      select v.version::text as version, k.id, k.next_available_at, k.total::text as total
      from directory_state v left join (${q.limit(opts.limit + 1).offset(opts.offset)}) k on true
      order by ${sql.join(order)}`.execute(this.db);
    const found = rows.flatMap((r) => (r.id === null ? [] : [[r.id, r.next_available_at] as const]));
    const total = rows[0]?.total;
    return {
      ids: found.map(([id]) => id),
      times: new Map(found),
      version: rows[0]?.version ?? '',
      total: total === null || total === undefined ? null : Number(total),
    };
  }

  /**
   * The cards of these clinicians in the order of `ids` (one gone since is left out), each with its
   * clinical areas' ids, and the directory version read with them. Kept prepared: its plan does not
   * depend on which clinicians.
   */
  async cards(ids: string[]): Promise<{ rows: PageRow[]; version: string }> {
    const cards = this.base()
      .where('c.id', '=', sql<string>`any(${ids}::uuid[])`)
      .select([
        ...PAGE_COLUMNS,
        sql<
          string[]
        >`array(select cca.clinical_area_id from clinician_clinical_areas cca where cca.clinician_id = c.id)`.as(
          'area_ids',
        ),
      ]);
    const { rows } = await sql<PageRow & { version: string; id: string | null }>`
      select v.version::text as version, p.* from directory_state v left join (${cards}) p on true`.execute(this.db);
    const byId = new Map(rows.flatMap(({ version: _v, ...row }) => (row.id === null ? [] : [[row.id, row] as const])));
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), version: rows[0]?.version ?? '' };
  }

  /** These clinicians' next openings as they are now, and the directory version read with them. */
  async nextAvailable(ids: string[]): Promise<{ times: Map<string, Date | null>; version: string }> {
    const { rows } = await sql<{ version: string; id: string | null; next_available_at: Date | null }>`
      select v.version::text as version, c.id, c.next_available_at
      from directory_state v left join clinicians c on c.id = any(${ids}::uuid[])`.execute(this.db);
    return {
      times: new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.id, r.next_available_at] as const]))),
      version: rows[0]?.version ?? '',
    };
  }

  /** Every clinical area (id, name, service line) in name order, and the directory version read with them. */
  async areaList(): Promise<{ version: string; areas: ClinicianArea[] }> {
    const { rows } = await sql<{ version: string; areas: ClinicianArea[] }>`
      select v.version::text as version,
        (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'serviceLineCode', a.service_line_code)
          order by a.name), '[]'::json) from clinical_areas a) as areas
      from directory_state v`.execute(this.db);
    return { version: rows[0]?.version ?? '', areas: rows[0]?.areas ?? [] };
  }

  /** How many clinicians each set of filters finds, in one statement (one count per set). */
  async counts(variants: { filters: DirectoryFilters; termQueries: TermQuery[] }[]): Promise<number[]> {
    if (variants.length === 0) return [];
    const row = await this.db
      .selectNoFrom(
        variants.map((v, i) =>
          this.clinicians()
            .where(this.where(v.filters, v.termQueries))
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .as(`n${i}`),
        ),
      )
      .modifyFront(sql.raw(PLAN_WITH_VALUES))
      .executeTakeFirstOrThrow();
    const values = row as Record<string, string | number | null>;
    return variants.map((_, i) => Number(values[`n${i}`] ?? 0));
  }

  /** The directory's current version (see migration 0035). */
  async version(): Promise<string> {
    const { rows } = await sql<{ version: string }>`select version::text as version from directory_state`.execute(
      this.db,
    );
    return rows[0]?.version ?? '';
  }

  async facets() {
    const [lines, orgs, langs, states, areas] = await Promise.all([
      sql<{
        value: string;
        label: string;
        count: string;
      }>`select sl.code as value, sl.name as label, count(c.id) as count
        from service_lines sl left join clinicians c on c.service_line_code = sl.code and c.active
        group by sl.code, sl.name order by sl.name`.execute(this.db),
      sql<{ value: string; label: string; count: string }>`select o.id as value, o.name as label, count(c.id) as count
        from organizations o left join clinicians c on c.organization_id = o.id and c.active
        group by o.id, o.name order by o.name`.execute(this.db),
      sql<{
        value: string;
        count: string;
      }>`select l as value, count(*) as count from clinicians c, unnest(c.languages) l
        where c.active group by l order by count(*) desc, l`.execute(this.db),
      sql<{
        value: string;
        count: string;
      }>`select s as value, count(*) as count from clinicians c, unnest(c.licensed_states) s
        where c.active group by s order by s`.execute(this.db),
      this.db
        .selectFrom('clinical_areas')
        .select(['id', 'name', 'service_line_code', 'organization_id'])
        .orderBy('name')
        .execute(),
    ]);
    return { lines: lines.rows, orgs: orgs.rows, langs: langs.rows, states: states.rows, areas };
  }
}
