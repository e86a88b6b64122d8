import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  type Transaction,
  type Updateable,
} from 'kysely';
import { AreaRepository } from './area-repository.js';
import { SynonymRepository } from './synonym-repository.js';
import type { CliniciansTable, Database, OrganizationsTable, ServiceLinesTable, VisitMode } from '../../db/schema.js';

type JoinedDb = Database & { c: CliniciansTable; o: OrganizationsTable; sl: ServiceLinesTable };
type JoinedEb = ExpressionBuilder<JoinedDb, 'c' | 'o' | 'sl'>;

type Db = Kysely<Database> | Transaction<Database>;

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
  areas: { id: string; name: string; serviceLineCode: string }[] | null;
}

const CARD_COLUMNS = [
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
  'c.bio',
  'c.active',
] as const;

/** What one typed word matches: a tsquery fragment, or membership of these service lines. */
interface TermQuery {
  tsq: string;
  lines: string[];
}

/** A tsquery prefix term from a word typed by a person: letters and digits only. */
const prefixTerm = (t: string): string => `${t.replace(/[^\p{L}\p{N}]/gu, '')}:*`;

/** Clinicians, clinical areas and the search index. */
export class DirectoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The search words per service line, on the same connection. */
  synonymRepository(): SynonymRepository {
    return new SynonymRepository(this.db);
  }

  /** The clinical areas clinicians are filed under, on the same connection. */
  areaRepository(): AreaRepository {
    return new AreaRepository(this.db);
  }

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: DirectoryRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new DirectoryRepository(trx), trx));
  }

  private base() {
    return this.db
      .selectFrom('clinicians as c')
      .innerJoin('organizations as o', 'o.id', 'c.organization_id')
      .innerJoin('service_lines as sl', 'sl.code', 'c.service_line_code');
  }

  private where(f: DirectoryFilters, termQueries: TermQuery[]) {
    return (eb: JoinedEb) => {
      const conds: Expression<SqlBool>[] = [];
      // The public directory lists active clinicians who offer video or phone visits; staff see all of theirs.
      if (!f.management) {
        conds.push(eb('c.active', '=', true));
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

  async search(
    f: DirectoryFilters,
    opts: { sort: 'relevance' | 'next_available' | 'name'; limit: number; offset: number },
  ): Promise<{ rows: ClinicianRow[]; total: number }> {
    const termQueries = await this.termQueries(f.terms);
    const tsq = termQueries.map((t) => t.tsq).join(' & ');
    // Words typed as they are rank above their corrections; weights (name A, specialty B) do the rest.
    const rank = tsq
      ? sql<number>`ts_rank(c.search_document, to_tsquery('simple', ${tsq})) + ts_rank(c.search_document, to_tsquery('simple', ${f.terms.map(prefixTerm).join(' & ')}))`
      : sql<number>`0`;
    let q = this.base()
      .where(this.where(f, termQueries))
      .select([...CARD_COLUMNS, sql<number>`count(*) over ()`.as('total'), rank.as('rank')]);
    if (opts.sort === 'next_available') q = q.orderBy(sql`c.next_available_at asc nulls last`);
    if (opts.sort === 'relevance' && tsq) q = q.orderBy('rank', 'desc');
    q = q.orderBy('c.family_name').orderBy('c.given_name').orderBy('c.id');
    const page = await q.limit(opts.limit).offset(opts.offset).execute();
    // Clinical areas for this page only: a per-row subquery would run for every match, not every card.
    const areas = await this.areasOf(page.map((r) => r.id));
    const rows = page.map((r) => ({ ...r, areas: areas.get(r.id) ?? [] }));
    return { rows, total: rows.length ? Number(page[0]?.total ?? 0) : await this.count(f) };
  }

  /**
   * One tsquery fragment per typed word: its prefix, or'ed with up to three directory words it is
   * probably a typo of ("cardiolgy" → cardiology), found through the trigram index on the word
   * list; and the service lines the word (or a correction) names through their search words, whose
   * other words join the fragment ("cardiology" also matches "heart").
   */
  private async termQueries(terms: string[]): Promise<TermQuery[]> {
    if (terms.length === 0) return [];
    const long = terms.filter((t) => t.length >= 4);
    const similar = long.length
      ? (
          await sql<{ term: string; word: string }>`
            select t.term, w.word from unnest(${long}::text[]) as t(term)
            cross join lateral (
              select word from directory_words where word % t.term
                -- A word that starts some directory word is no typo: correct only the others.
                and not exists (select 1 from directory_words d where left(d.word, length(t.term)) = t.term)
              order by similarity(word, t.term) desc, word limit 3) w`.execute(this.db)
        ).rows
      : [];
    const corrections = (term: string) =>
      similar
        .filter((s) => s.term === term)
        .map((s) => s.word.replace(/[^\p{L}\p{N}]/gu, ''))
        .filter((w) => w.length > 0);
    const asTyped = terms.flatMap((term) => [term, ...corrections(term)].map((word) => ({ term, word })));
    const synonyms = await this.synonymsFor(asTyped);
    return terms.map((term) => {
      const mine = synonyms.filter((s) => s.term === term);
      const words = [...new Set([...corrections(term), ...mine.map((s) => s.other)])].filter((w) => w !== term);
      const tsq = words.length ? `(${[prefixTerm(term), ...words].join(' | ')})` : prefixTerm(term);
      return { tsq, lines: [...new Set(mine.map((s) => s.service_line_code))] };
    });
  }

  /**
   * The service lines whose search words match a typed word (whole, or as the start of a search
   * word once four letters are typed: "cardio" → cardiology), with every search word of each line.
   */
  private async synonymsFor(
    typed: { term: string; word: string }[],
  ): Promise<{ term: string; service_line_code: string; other: string }[]> {
    const words = typed.filter((t) => /^[\p{L}\p{N}]+$/u.test(t.word));
    if (!words.length) return [];
    const { rows } = await sql<{ term: string; service_line_code: string; other: string }>`
      select distinct t.term, s.service_line_code, s.word as other
      from unnest(${words.map((w) => w.term)}::text[], ${words.map((w) => w.word)}::text[]) as t(term, word)
      join directory_synonyms g
        on g.word = t.word or (length(t.word) >= 4 and g.word like t.word || '%')
      join directory_synonyms s on s.service_line_code = g.service_line_code`.execute(this.db);
    return rows;
  }

  private async areasOf(ids: string[]): Promise<Map<string, NonNullable<ClinicianRow['areas']>>> {
    const byClinician = new Map<string, NonNullable<ClinicianRow['areas']>>();
    if (ids.length === 0) return byClinician;
    const rows = await this.db
      .selectFrom('clinician_clinical_areas as cca')
      .innerJoin('clinical_areas as a', 'a.id', 'cca.clinical_area_id')
      .select(['cca.clinician_id', 'a.id', 'a.name', 'a.service_line_code'])
      .where('cca.clinician_id', 'in', ids)
      .orderBy('a.name')
      .execute();
    for (const r of rows) {
      const list = byClinician.get(r.clinician_id) ?? [];
      list.push({ id: r.id, name: r.name, serviceLineCode: r.service_line_code });
      byClinician.set(r.clinician_id, list);
    }
    return byClinician;
  }

  async count(f: DirectoryFilters): Promise<number> {
    const row = await this.base()
      .where(this.where(f, await this.termQueries(f.terms)))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private areasJson() {
    return sql<ClinicianRow['areas']>`(
      select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'serviceLineCode', a.service_line_code) order by a.name), '[]'::json)
      from clinician_clinical_areas cca join clinical_areas a on a.id = cca.clinical_area_id
      where cca.clinician_id = c.id)`;
  }

  get(id: string): Promise<ClinicianRow | undefined> {
    return this.base()
      .where('c.id', '=', id)
      .select([...CARD_COLUMNS, this.areasJson().as('areas')])
      .executeTakeFirst();
  }

  async photo(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('clinicians').select('photo_svg').where('id', '=', id).executeTakeFirst())
      ?.photo_svg;
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
      from docs where docs.id = c.id`.execute(db);
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
