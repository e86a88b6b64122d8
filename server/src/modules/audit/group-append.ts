import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { appendChainedRows, type ChainInput } from './chain.js';

/** Rows written by one transaction at most: 16 parameters each stays far below PostgreSQL's limit. */
const MAX_ROWS = 200;

interface Waiting {
  row: ChainInput;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for audit rows that belong to no transaction of their own (reads and refusals).
 * Every append takes the chain head's lock, so one transaction per read made every audited read
 * in every process wait in line for three round trips of each other's. Here, rows that arrive
 * while a transaction is writing wait for the next one, which writes them all at once: one
 * transaction (four statements) for however many reads came together. Each caller still waits
 * until its own row has committed — an answered read always has its audit row — and a lone read
 * is written at once, as before.
 *
 * If a group fails, each of its rows is tried again alone, so one row that cannot be written
 * never costs the others theirs.
 */
export class GroupAppender {
  #queue: Waiting[] = [];
  #writing = false;

  constructor(private readonly db: Kysely<Database>) {}

  append(row: ChainInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (!this.#writing) this.#drain();
    });
  }

  #drain(): void {
    this.#writing = true;
    // Rows appended in the same turn of the event loop join this group.
    queueMicrotask(() => void this.#writeGroups());
  }

  async #writeGroups(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue.splice(0, MAX_ROWS);
        await this.#write(group);
      }
    } finally {
      this.#writing = false;
    }
  }

  async #write(group: Waiting[]): Promise<void> {
    try {
      await appendChainedRows(
        this.db,
        group.map((w) => w.row),
      );
      for (const w of group) w.resolve();
    } catch (err) {
      if (group.length === 1) {
        group[0]?.reject(err);
        return;
      }
      for (const w of group) {
        try {
          await appendChainedRows(this.db, [w.row]);
          w.resolve();
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
}
