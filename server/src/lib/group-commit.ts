interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: items that arrive while a group is being written wait for the next group, which
 * writes them all at once (`write` gets them in arrival order and answers one output per item,
 * in the same order). A lone item is written at once. Each caller waits for its own item's
 * output, so nothing is answered before it is written.
 *
 * If a group fails, each of its items is tried again alone, so one item that cannot be written
 * never costs the others theirs.
 */
export class GroupCommit<I, O> {
  #queue: Waiting<I, O>[] = [];
  #writing = false;

  constructor(
    private readonly write: (items: readonly I[]) => Promise<readonly O[]>,
    /** Items written by one group at most. */
    private readonly maxItems: number,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#writing) return;
      this.#writing = true;
      // Items added in the same turn of the event loop join this group.
      queueMicrotask(() => void this.#writeGroups());
    });
  }

  async #writeGroups(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#writeGroup(this.#queue.splice(0, this.maxItems));
    } finally {
      this.#writing = false;
    }
  }

  async #writeGroup(group: Waiting<I, O>[]): Promise<void> {
    try {
      const outs = await this.write(group.map((w) => w.item));
      if (outs.length !== group.length)
        throw new Error(`a group of ${group.length} was written with ${outs.length} answers`);
      group.forEach((w, i) => w.resolve(outs[i] as O));
    } catch (err) {
      if (group.length === 1) {
        group[0]?.reject(err);
        return;
      }
      for (const w of group) {
        try {
          const [out] = await this.write([w.item]);
          w.resolve(out as O);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
}
