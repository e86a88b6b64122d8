import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A writer that records each group it was given and answers each item doubled. */
function recorder(fail: (items: readonly number[]) => boolean = () => false) {
  const groups: number[][] = [];
  const commit = new GroupCommit<number, number>(async (items) => {
    groups.push([...items]);
    await new Promise((resolve) => setImmediate(resolve));
    if (fail(items)) throw new Error(`group ${items.join(',')} failed`);
    return items.map((i) => i * 2);
  }, 3);
  return { groups, commit };
}

describe('group commit', () => {
  it('writes a lone item at once, and items arriving while a group is written together next, in order', async () => {
    const { groups, commit } = recorder();
    const first = commit.add(1);
    await Promise.resolve(); // the first group has started: 1 alone
    const rest = [2, 3, 4, 5, 6].map((i) => commit.add(i));
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8, 10, 12]);
    // At most three per group, in arrival order.
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('items added in the same turn form one group', async () => {
    const { groups, commit } = recorder();
    expect(await Promise.all([1, 2, 3].map((i) => commit.add(i)))).toEqual([2, 4, 6]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('a failed group is tried again item by item: only the item that cannot be written fails', async () => {
    const { groups, commit } = recorder((items) => items.includes(2));
    const results = await Promise.allSettled([1, 2, 3].map((i) => commit.add(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([2, 'failed', 6]);
    expect(groups).toEqual([[1, 2, 3], [1], [2], [3]]);
    // The next item is written as usual.
    expect(await commit.add(7)).toBe(14);
  });

  it('a writer that answers fewer items than it was given fails the group instead of answering nothing', async () => {
    const commit = new GroupCommit<number, number>(async (items) => (items.length > 1 ? [1] : [items[0] ?? 0]), 5);
    expect(await Promise.all([4, 5].map((i) => commit.add(i)))).toEqual([4, 5]);
  });
});
