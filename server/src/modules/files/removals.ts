import type { Db, JobService } from '../jobs/index.js';
import type { FileStore } from './store.js';

export const REMOVE_FILES_JOB = 'files.remove_deleted';
export const SWEEP_PARTS_JOB = 'files.sweep_parts';
/**
 * Unfinished uploads untouched this long are left over: a resumable upload lives 24 hours from its
 * start (and is swept with its row then), and a one-go `put` writes for well under a second.
 */
export const PART_MAX_AGE_MS = 25 * 3600_000;

/**
 * Physical removal of stored files whose rows were deleted (docs/decisions/0063). The deleting
 * transaction records a removal job due after the grace period; until then the file stays, so a
 * backup that listed it can still copy it, and a database recovered to a moment before the delete
 * still finds it. Recorded in the database, so a recovery to before the delete has no such job and
 * the file is kept for good. Also sweeps unfinished uploads left by a crash, hourly.
 */
export class FileRemovals {
  constructor(
    private readonly store: FileStore,
    private readonly jobs: JobService,
    private readonly graceMs: number,
  ) {
    jobs.register(REMOVE_FILES_JOB, async (payload) => {
      const ids = Array.isArray(payload['ids']) ? payload['ids'].filter((i): i is string => typeof i === 'string') : [];
      await store.remove(...ids);
    });
    jobs.every('hour', SWEEP_PARTS_JOB, 'files-sweep-parts');
    jobs.register(SWEEP_PARTS_JOB, async () => void (await store.sweepParts(new Date(), PART_MAX_AGE_MS)));
  }

  /** Inside the transaction that deletes the rows naming these files: they go after the grace period. */
  async later(ids: readonly (string | null | undefined)[], trx: Db, now = new Date()): Promise<void> {
    const named = ids.filter((id): id is string => typeof id === 'string' && id !== '');
    if (named.length === 0) return;
    await this.jobs.enqueue(
      { kind: REMOVE_FILES_JOB, payload: { ids: named }, runAt: new Date(now.getTime() + this.graceMs) },
      trx,
    );
  }
}
