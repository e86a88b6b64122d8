import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PGliteDialect } from './pglite-dialect.js';
import { RemotePglite } from './pglite-remote.js';

interface Tables {
  notes: { id: number; body: string };
}

let remote: RemotePglite;
let db: Kysely<Tables>;
const waits: number[] = [];

beforeAll(async () => {
  remote = await RemotePglite.open({ dataDir: undefined, cacheMb: 16 });
  db = new Kysely<Tables>({ dialect: new PGliteDialect(remote, (ms) => waits.push(ms)) });
  await sql`create table notes (id int primary key, body text not null)`.execute(db);
}, 240_000);

afterAll(async () => {
  await db.destroy();
});

/** Lets every promise continuation run; the worker's answers (macrotasks) cannot arrive meanwhile. */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 500; i++) await Promise.resolve();
}

test('statements of their own are sent without waiting for the one before: the database has the next at once', async () => {
  waits.length = 0;
  const reads = Array.from({ length: 10 }, (_, i) => sql<{ n: number }>`select ${i}::int as n`.execute(db));
  await settleMicrotasks();
  expect(remote.inFlight()).toBe(10);
  expect((await Promise.all(reads)).map((r) => r.rows[0]?.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // Each caller's wait is told to load shedding once: the lock's, and its time in line behind the others.
  expect(waits).toHaveLength(10);
  expect(waits.every((ms) => ms >= 0)).toBe(true);
});

test('a transaction has the database alone: a statement sent meanwhile waits for its end and never sees its rows', async () => {
  let outside: Promise<number> | undefined;
  await expect(
    db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 1, body: 'not kept' }).execute();
      outside = db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
      await settleMicrotasks();
      expect(remote.inFlight()).toBe(0); // not sent while the transaction is open
      await trx.insertInto('notes').values({ id: 2, body: 'not kept either' }).execute();
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect(await outside).toBe(0);
});

test("a connection kept for several statements never sends one into another caller's open transaction", async () => {
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  let finish!: () => void;
  const mayFinish = new Promise<void>((resolve) => (finish = resolve));
  const counts = db.connection().execute(async (conn) => {
    const count = async (): Promise<number> =>
      Number(
        (
          await conn
            .selectFrom('notes')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // Another caller opens a transaction and writes a row it will roll back.
    const other = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 10, body: 'rolled back' }).execute();
      opened();
      await mayFinish;
      throw new Error('roll back');
    });
    await isOpen;
    const during = count();
    await settleMicrotasks();
    expect(remote.inFlight()).toBe(0); // waits for the lock, not sent into the open transaction
    finish();
    await expect(other).rejects.toThrow('roll back');
    return [before, await during];
  });
  expect(await counts).toEqual([0, 0]);
});

test('a transaction on a kept connection lets others in once it ends, before the connection is handed back', async () => {
  const seen = await db.connection().execute(async (conn) => {
    await conn.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 20, body: 'kept for a moment' }).execute();
    });
    // Another caller's statement, awaited while this connection is still kept: it must not wait
    // for the connection to be handed back (that would never happen).
    const other = await db.selectFrom('notes').select('body').where('id', '=', 20).execute();
    await conn.deleteFrom('notes').where('id', '=', 20).execute();
    return other;
  });
  expect(seen).toEqual([{ body: 'kept for a moment' }]);
});

test('an error in one statement of a pipeline fails that statement only', async () => {
  const [one, bad, two] = await Promise.allSettled([
    sql<{ n: number }>`select 1::int as n`.execute(db),
    sql`select 1 / 0`.execute(db),
    sql<{ n: number }>`select 2::int as n`.execute(db),
  ]);
  expect(one.status === 'fulfilled' && one.value.rows).toEqual([{ n: 1 }]);
  expect(bad).toMatchObject({ status: 'rejected', reason: { code: '22012' } });
  expect(two.status === 'fulfilled' && two.value.rows).toEqual([{ n: 2 }]);
  await db.insertInto('notes').values({ id: 3, body: 'kept' }).execute();
  expect(await db.selectFrom('notes').select('body').execute()).toEqual([{ body: 'kept' }]);
});
