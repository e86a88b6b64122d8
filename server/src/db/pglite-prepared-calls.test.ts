import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { PLAN_WITH_VALUES } from './planner.js';
import { PreparedStatements } from './pglite-prepared.js';

// In this process (not through the worker), so the calls into the database can be counted:
// `pglite.query` makes six of them per statement, the one-buffer paths one.
let pglite: PGlite;
let statements: PreparedStatements;

beforeAll(async () => {
  pglite = await PGlite.create();
  await pglite.exec('create table words (id int primary key, word text not null)');
  await pglite.exec(`insert into words select i, 'w' || i from generate_series(1, 50) i`);
  statements = new PreparedStatements(pglite);
}, 240_000);

afterAll(async () => {
  await pglite.close();
});

test('a statement planned with its values goes through pglite.query only on its first run and is never kept prepared', async () => {
  const query = vi.spyOn(pglite, 'query');
  const search = `${PLAN_WITH_VALUES} select id from words where word like $1 and id <= $2 order by id`;
  expect((await statements.query(search, ['w1%', 12])).rows).toEqual([{ id: 1 }, { id: 10 }, { id: 11 }, { id: 12 }]);
  expect(query).toHaveBeenCalledTimes(1);
  for (let i = 2; i <= 4; i++) {
    // w2, w20…w29 (11), then w3… and w4… alike
    expect((await statements.query(search, [`w${i}%`, 50])).rows).toHaveLength(11);
    expect((await statements.query(search, [`w${i}%`, 9])).rows).toEqual([{ id: i }]);
  }
  expect(query).toHaveBeenCalledTimes(1);
  query.mockRestore();
  const kept = await pglite.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements');
  expect(kept.rows).toEqual([{ n: 0 }]);
});

test('a read run again goes through pglite.query only on its first run, and is then kept prepared', async () => {
  const query = vi.spyOn(pglite, 'query');
  const read = 'select word from words where id = $1';
  for (let i = 1; i <= 5; i++) expect((await statements.query(read, [i])).rows).toEqual([{ word: `w${i}` }]);
  expect(query).toHaveBeenCalledTimes(1);
  query.mockRestore();
});
