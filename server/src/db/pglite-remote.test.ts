import { expect, test } from 'vitest';
import { RemotePglite } from './pglite-remote.js';

test('a query and an error with its code cross the worker boundary', async () => {
  const db = await RemotePglite.open({ dataDir: undefined, cacheMb: 16 });
  try {
    expect((await db.query<{ x: number }>('select 1::int as x')).rows).toEqual([{ x: 1 }]);
    await expect(db.query('select 1/0')).rejects.toMatchObject({ code: '22012' });
  } finally {
    await db.close();
  }
  await expect(db.query('select 1')).rejects.toMatchObject({ code: '57P01' });
}, 240_000);

test("the embedded database's page cache is the size it was given, not PostgreSQL's 128 MiB", async () => {
  const db = await RemotePglite.open({ dataDir: undefined, cacheMb: 24 });
  try {
    expect((await db.query<{ shared_buffers: string }>('show shared_buffers')).rows).toEqual([
      { shared_buffers: '24MB' },
    ]);
  } finally {
    await db.close();
  }
}, 240_000);
