/**
 * EXPLAIN ANALYZE of the directory repository's own search statement, for bench/directory.ts:
 * the repository runs one public search through a Kysely plugin that remembers every query, and
 * the page statement (the one reading clinicians with a LIMIT) is explained with its parameters.
 */
import { CompiledQuery } from 'kysely';
import type { DatabaseHandle } from '../server/src/db/client.js';
import { directoryPageStatement } from '../server/src/modules/directory/page-statement.js';
import { parseQuery } from './directory-queries.js';

/** The exact SQL and parameters of the page statement the repository runs for one public search. */
async function searchSql(database: DatabaseHandle, search: string): Promise<CompiledQuery> {
  const q = parseQuery(search);
  const opts = { sort: q.sort, limit: q.limit, offset: q.offset };
  return (await directoryPageStatement(database.db, q.filters, opts)).statement;
}

async function explain(database: DatabaseHandle, query: CompiledQuery): Promise<string[]> {
  const run = CompiledQuery.raw(`explain (analyze, costs off) ${query.sql}`, [...query.parameters]);
  const result = await database.db.executeQuery<{ 'QUERY PLAN': string }>(run);
  return result.rows.map((r) => r['QUERY PLAN']);
}

const executionTime = (plan: string[]): number =>
  Number(/Execution Time: ([\d.]+) ms/.exec(plan.find((l) => l.includes('Execution Time')) ?? '')?.[1] ?? NaN);

/** How a plan reads the clinicians table: each scan node on it (or its indexes), shortened. */
function scans(plan: string[]): string[] {
  return plan
    .filter((l) => /(Scan|Scan using \S+) on clinicians\b|Bitmap Index Scan on clinicians_/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^->\s+/, '')
        .replace(/\s*\(actual.*$/, ''),
    );
}

/**
 * Prints, for the first query of each kind, how the page statement reads the clinicians table
 * and how long it took inside the database; and the whole plan of `full`. Returns the number of
 * kinds whose plan reads all clinicians with a sequential scan.
 */
export async function explainKinds(
  database: DatabaseHandle,
  queries: { kind: string; search: string }[],
  full: string,
): Promise<number> {
  let seq = 0;
  console.log('EXPLAIN ANALYZE of the search page statement (first query of each kind):');
  for (const { kind, search } of queries) {
    const plan = await explain(database, await searchSql(database, search));
    const used = scans(plan);
    if (used.some((s) => s.startsWith('Seq Scan'))) seq++;
    console.log(
      `  ${kind.padEnd(15)} ${decodeURIComponent(search).slice(0, 60).padEnd(60)} ` +
        `${executionTime(plan).toFixed(2).padStart(7)} ms  ${used.join('; ') || '(no clinicians scan)'}`,
    );
  }
  const plan = await explain(database, await searchSql(database, full));
  console.log(`\nThe whole plan for ${decodeURIComponent(full)}:\n${plan.map((l) => `    ${l}`).join('\n')}\n`);
  return seq;
}
