import { afterAll, beforeAll, expect, test } from 'vitest';
import { PLAN_WITH_VALUES } from './planner.js';
import { RemotePglite } from './pglite-remote.js';

// Through the worker, as the server uses it: a text's first run is an unnamed statement, later
// runs use the named statement prepared on its second — both must answer alike.
let db: RemotePglite;

beforeAll(async () => {
  db = await RemotePglite.open({ dataDir: undefined, cacheMb: 16 });
  await db.exec(`create table things (
    id int8 primary key, name text unique not null, born date, at timestamptz, tags text[],
    data jsonb, ok boolean, n numeric)`);
}, 240_000);

afterAll(async () => {
  await db.close();
});

const prepared = async (text: string) =>
  (await db.query<{ name: string }>('select name from pg_prepared_statements where statement = $1', [text])).rows;

test('a statement run again is prepared once and answers exactly as the first run did', async () => {
  const insert =
    'insert into things (id, name, born, at, tags, data, ok, n) values ($1, $2, $3, $4, $5, $6, $7, $8) returning *';
  const first = await db.query(insert, [
    1,
    'one',
    '1950-02-03',
    new Date('2026-01-02T03:04:05.678Z'),
    ['a', 'b'],
    { k: [1, 'x'] },
    true,
    '1.50',
  ]);
  const second = await db.query(insert, [2, 'two', null, null, [], null, false, null]);
  const third = await db.query(insert, [
    3,
    'three',
    '2001-12-31',
    new Date('2026-06-01T00:00:00Z'),
    ['c'],
    { k: null },
    null,
    '2',
  ]);
  expect(first.rows).toEqual([
    {
      id: '1', // int8 as text (the worker's parser), dates as written: the same parsers both ways
      name: 'one',
      born: '1950-02-03',
      at: new Date('2026-01-02T03:04:05.678Z'),
      tags: ['a', 'b'],
      data: { k: [1, 'x'] },
      ok: true,
      n: '1.50',
    },
  ]);
  expect(second.rows).toEqual([
    { id: '2', name: 'two', born: null, at: null, tags: [], data: null, ok: false, n: null },
  ]);
  expect(third.rows).toEqual([
    {
      id: '3',
      name: 'three',
      born: '2001-12-31',
      at: new Date('2026-06-01T00:00:00Z'),
      tags: ['c'],
      data: { k: null },
      ok: null,
      n: '2',
    },
  ]);
  expect(first.affectedRows).toBe(1);
  expect(third.affectedRows).toBe(1);
  expect(await prepared(insert)).toHaveLength(1);

  const update = 'update things set ok = $1 where id = any($2::int8[])';
  for (let i = 0; i < 3; i++) expect((await db.query(update, [true, [1, 2, 3]])).affectedRows).toBe(3);
  expect(await prepared(update)).toHaveLength(1);

  const read = 'select id, born from things where id = $1';
  const once = (await db.query(read, [1])).rows;
  for (let i = 0; i < 8; i++) expect((await db.query(read, [1])).rows).toEqual(once);
});

test("a prepared statement's error carries the same fields, and the database goes on", async () => {
  const insert = 'insert into things (id, name) values ($1, $2)';
  await db.query(insert, [10, 'ten']);
  await db.query(insert, [11, 'eleven']);
  expect(await prepared(insert)).toHaveLength(1);
  const error = await db.query(insert, [12, 'ten']).catch((err: unknown) => err);
  expect(error).toMatchObject({ code: '23505', constraint: 'things_name_key', query: insert });

  // Inside a transaction the error aborts it, as PostgreSQL does; rollback brings the database back.
  await db.query('begin');
  await db.query(insert, [13, 'thirteen']);
  await expect(db.query(insert, [14, 'ten'])).rejects.toMatchObject({ code: '23505' });
  await expect(db.query(insert, [15, 'fifteen'])).rejects.toMatchObject({ code: '25P02' });
  await db.query('rollback');
  expect((await db.query('select count(*)::int as n from things where id between 13 and 15')).rows).toEqual([{ n: 0 }]);
  expect((await db.query(insert, [16, 'sixteen'])).affectedRows).toBe(1);
});

test('an insert whose conflict target is a partial unique index works past the five plans PostgreSQL makes before a generic one', async () => {
  await db.exec(`create table charges (id serial primary key, visit int, kind text);
    create unique index one_charge on charges (visit) where kind = 'charge'`);
  const insert = 'insert into charges (visit, kind) values ($1, $2) on conflict (visit) where kind = $3 do nothing';
  for (let i = 0; i < 10; i++) await db.query(insert, [i % 3, 'charge', 'charge']);
  expect((await db.query('select count(*)::int as n from charges')).rows).toEqual([{ n: 3 }]);
  expect(await prepared(insert)).toEqual([]);
});

test('a statement marked to be planned with its values is never kept prepared', async () => {
  const search = `${PLAN_WITH_VALUES} select name from things where name like $1`;
  for (let i = 0; i < 8; i++) await db.query(search, ['t%']);
  expect(await prepared(search)).toEqual([]);
  expect((await db.query(search, ['t%'])).rows.length).toBeGreaterThan(0);
});

test('a statement planned with its values answers alike on every run, its errors read the same, and a change of shape is seen', async () => {
  const insert = `${PLAN_WITH_VALUES} insert into things (id, name, born, at, tags, data) values ($1, $2, $3, $4, $5, $6) returning id, name, born, at, tags, data`;
  // The first run goes through pglite.query; later ones send parse, bind, execute and sync as one buffer.
  for (let i = 0; i < 4; i++) {
    const row = {
      id: `${40 + i}`,
      name: `v${i}`,
      born: '1960-01-0' + (i + 1),
      at: new Date(Date.UTC(2026, 0, i + 1)),
      tags: ['x', `${i}`],
      data: { i },
    };
    const result = await db.query(insert, [40 + i, row.name, row.born, row.at, row.tags, row.data]);
    expect(result.rows).toEqual([row]);
    expect(result.affectedRows).toBe(1);
  }
  expect(await prepared(insert)).toEqual([]);
  const error = await db.query(insert, [50, 'v0', null, null, null, null]).catch((err: unknown) => err);
  expect(error).toMatchObject({ code: '23505', constraint: 'things_name_key', query: insert });
  expect((await db.query(insert, [50, 'v50', null, null, null, null])).rows).toHaveLength(1);

  const read = `${PLAN_WITH_VALUES} select name, n from things where id = $1`;
  await db.query(read, [40]);
  expect((await db.query(read, [40])).rows).toEqual([{ name: 'v0', n: null }]);
  await db.query('alter table things alter column n type text');
  expect((await db.query(read, [41])).rows).toEqual([{ name: 'v1', n: null }]);
  await db.query('update things set n = $1 where id = $2', ['a note', 41]);
  expect((await db.query(read, [41])).rows).toEqual([{ name: 'v1', n: 'a note' }]);
  await db.query('update things set n = null where id = 41');
  await db.query('alter table things alter column n type numeric using n::numeric');
});

test('a statement PostgreSQL cannot prepare fails as it would unprepared', async () => {
  const bad = 'select nope from things where id = $1';
  for (let i = 0; i < 3; i++) await expect(db.query(bad, [1])).rejects.toMatchObject({ code: '42703' });
  expect(await prepared(bad)).toEqual([]);
});

test('after a change to a table, statements reading it see its new shape', async () => {
  const all = 'select * from things where id = $1';
  await db.query(all, [1]);
  await db.query(all, [1]);
  expect(await prepared(all)).toHaveLength(1);
  await db.query('alter table things add column extra text');
  const after = (await db.query<Record<string, unknown>>(all, [1])).rows[0];
  expect(after).toHaveProperty('extra', null);
  expect(await prepared(all)).toEqual([]); // dropped with the change, prepared again on its next run

  await db.exec('alter table things drop column extra');
  await db.query(all, [1]);
  expect((await db.query<Record<string, unknown>>(all, [1])).rows[0]).not.toHaveProperty('extra');
});

test('only so many statements stay prepared; the least recently used make room', async () => {
  const hot = 'select name from things where id = $1 and true';
  await db.query(hot, [1]);
  for (let i = 0; i < 450; i++) {
    const text = `select ${i} as k, name from things where id = $1`;
    await db.query(text, [1]);
    await db.query(text, [1]);
    if (i % 50 === 0) await db.query(hot, [1]); // used often: never the coldest
  }
  const count = (await db.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]?.n;
  expect(count).toBeLessThanOrEqual(400);
  expect(count).toBeGreaterThan(300);
  expect(await prepared(hot)).toHaveLength(1);
  expect(await prepared('select 0 as k, name from things where id = $1')).toEqual([]);
});
