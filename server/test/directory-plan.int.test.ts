import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase } from '../src/db/client.js';
import { RANDOM_PAGE_COST } from '../src/db/planner.js';
import { directoryPageStatement } from '../src/modules/directory/page-statement.js';
import { DirectoryRepository } from '../src/modules/directory/repository.js';
import { createTestContext, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

class RollBack extends Error {}

const WORDS =
  'adults children prevention screening follow up chronic care telehealth families sports women men older'.split(' ');

describe('directory search plans at 5,000 clinicians', () => {
  it('reads clinicians through their indexes, not all of them, when a word names a whole service line', async () => {
    const plans: string[][] = [];
    const searches = ['cardiology', 'cardio', 'dermotology'];
    await ctx.database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into service_lines (code, name)
          select distinct service_line_code, initcap(replace(service_line_code, '-', ' ')) from directory_synonyms
          on conflict do nothing`.execute(trx);
        // The directory's own service lines only: on a shared PostgreSQL database other test files
        // add lines of their own (CI's had 880), which spread the 5,000 thin and changed the plan.
        const lines = (
          await trx
            .selectFrom('directory_synonyms')
            .select('service_line_code as code')
            .distinct()
            .orderBy('code')
            .execute()
        ).map((l) => l.code);
        // A directory the size of a health system's: every line a share of it, bios a sentence or two long.
        await sql`insert into clinicians (organization_id, given_name, family_name, credentials, specialty,
            service_line_code, languages, licensed_states, photo_svg, bio, visit_modes, accepting_new_patients,
            self_scheduling, active)
          select ${ctx.orgId}, 'Given' || i, 'Family' || (i % 700), 'MD', initcap(l.code) || ' clinician', l.code,
            array['en'], array['MA'], '<svg xmlns="http://www.w3.org/2000/svg"/>',
            initcap(l.code) || ' clinician seeing ' || w.a || ' and ' || w.b || '. Interests: ' || w.c || ', ' || w.a ||
              ' and ' || w.b || ' care, with visits by video and phone for patients near and far.' ||
              case when l.code = 'cardiac' then ' Heart rhythm, arrhythmia and cardiology follow-up.'
                when i % 9 = 0 then ' Heart health and skin checks.' else '' end,
            array['video', 'phone'], true, true, true
          from generate_series(1, 5000) i
          cross join lateral (select (${lines}::text[])[1 + i % ${lines.length}] as code) l
          cross join lateral (select (${WORDS}::text[])[1 + i % ${WORDS.length}] as a,
            (${WORDS}::text[])[1 + (i / 3) % ${WORDS.length}] as b,
            (${WORDS}::text[])[1 + (i / 7) % ${WORDS.length}] as c) w`.execute(trx);
        await new DirectoryRepository(trx).refreshSearch(null);
        await sql`analyze clinicians`.execute(trx);
        for (const term of searches) {
          const { statement: page, total } = await directoryPageStatement(
            trx,
            { terms: [term] },
            { sort: 'relevance', limit: 20, offset: 0 },
          );
          expect(total, term).toBeGreaterThan(200);
          const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>(
            CompiledQuery.raw(`explain ${page.sql}`, [...page.parameters]),
          );
          plans.push(explained.rows.map((r) => r['QUERY PLAN']));
        }
        throw new RollBack();
      })
      .catch((err: unknown) => {
        if (!(err instanceof RollBack)) throw err;
      });
    expect(plans).toHaveLength(searches.length);
    for (const [i, plan] of plans.entries()) {
      const text = plan.join('\n');
      expect(text, searches[i]).not.toMatch(/Seq Scan on clinicians/);
      expect(text, searches[i]).toMatch(/Bitmap Index Scan on clinicians_search_idx/);
    }
    // Nothing of the 5,000 stayed.
    const left = await sql<{
      n: string;
    }>`select count(*) as n from clinicians where family_name like 'Family%'`.execute(ctx.database.db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it.skipIf(Boolean(process.env['PORTICO_TEST_DATABASE_URL']))(
    'plans a search with its words each time: the embedded database keeps no search statement prepared',
    async () => {
      for (let i = 0; i < 8; i++) {
        for (const q of ['cardiology', 'skin&newPatients=true', 'dermotology&language=es']) {
          expect(
            (await ctx.app.inject({ method: 'GET', url: `/api/directory/clinicians?q=${q}&page=${i + 1}` })).statusCode,
          ).toBe(200);
        }
      }
      // A statement run again and again is kept prepared (decision 0060), so the check below sees them…
      for (let i = 0; i < 3; i++) {
        await ctx.database.db.selectFrom('service_lines').select('code').where('code', '=', 'cardiac').execute();
      }
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        ctx.database.db,
      );
      expect(
        rows.filter((r) => r.statement.includes('"service_lines"') && !r.statement.includes('clinicians')),
      ).toHaveLength(1);
      // The page's cards, read by id, are one of them (its plan does not depend on the words)…
      expect(
        rows.filter((r) => r.statement.includes('any(') && r.statement.includes('"clinicians" as "c"')),
      ).toHaveLength(1);
      // …but none reads clinicians by the searched words and filters (one generic plan would
      // be wrong for many of them).
      expect(rows.filter((r) => r.statement.includes('to_tsquery') || r.statement.includes('directory_words'))).toEqual(
        [],
      );
    },
  );

  it(`prices an out-of-order page read at ${RANDOM_PAGE_COST} on every connection`, async () => {
    const shown = await sql<{ v: string }>`select current_setting('random_page_cost') as v`.execute(ctx.database.db);
    expect(Number(shown.rows[0]?.v)).toBe(RANDOM_PAGE_COST);
  });

  it.skipIf(!process.env['PORTICO_TEST_DATABASE_URL'])("leaves a PostgreSQL server's own setting alone", async () => {
    const url = new URL(process.env['PORTICO_TEST_DATABASE_URL'] ?? '');
    url.searchParams.set('options', '-c random_page_cost=2.5');
    const own = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 1 });
    try {
      const shown = await sql<{ v: string }>`select current_setting('random_page_cost') as v`.execute(own.db);
      expect(shown.rows[0]?.v).toBe('2.5');
    } finally {
      await own.close();
    }
  });
});
