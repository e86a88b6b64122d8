import { expect, test } from 'vitest';
import { RemotePglite } from './pglite-remote.js';

test('a query and an error with its code cross the worker boundary', async () => {
  const db = await RemotePglite.open({ dataDir: undefined });
  try {
    expect((await db.query<{ x: number }>('select 1::int as x')).rows).toEqual([{ x: 1 }]);
    await expect(db.query('select 1/0')).rejects.toMatchObject({ code: '22012' });
  } finally {
    await db.close();
  }
  await expect(db.query('select 1')).rejects.toMatchObject({ code: '57P01' });
}, 240_000);
