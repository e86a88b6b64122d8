import { randomUUID } from 'node:crypto';
import type { RawBuilder } from 'kysely';
import type { Db, JobRepository, JobRow } from './repository.js';

export type { Db } from './repository.js';

export interface JobLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A handler does the work; throwing makes the job retry later with backoff. */
export type JobHandler = (payload: Record<string, unknown>, job: { id: string; attempts: number }) => Promise<void>;

/** How often periodic work runs: every hour, every day, or every so many minutes. */
export type Every = 'hour' | 'day' | { minutes: number };

const HOUR_MS = 3_600_000;

/** The slot a periodic job belongs to at `now`: the day, the hour, or the start of its minutes-long period. */
function slot(every: Every, now: Date): string {
  const iso = now.toISOString();
  if (every === 'day') return iso.slice(0, 10);
  if (every === 'hour') return iso.slice(0, 13);
  const ms = every.minutes * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString().slice(0, 16);
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Durable jobs in PostgreSQL. Enqueue inside the transaction that causes them; a runner in any
 * process claims due jobs with FOR UPDATE SKIP LOCKED, so two runners never take the same job and
 * a restart between enqueue and run loses nothing.
 */
export class JobService {
  readonly #handlers = new Map<string, JobHandler>();
  /** Kinds whose payload is personal (a typed email, a sign-up's details): erased once the job ends. */
  readonly #forgetful = new Set<string>();
  readonly #periodic: { kind: string; every: Every; dedupePrefix: string }[] = [];

  constructor(
    private readonly repo: JobRepository,
    private readonly log: JobLogger,
  ) {}

  /**
   * `forgetPayload`: the payload is emptied when the job completes or fails for good, for kinds
   * that carry what a person typed (done jobs are otherwise kept).
   */
  register(kind: string, handler: JobHandler, opts: { forgetPayload?: boolean } = {}): void {
    this.#handlers.set(kind, handler);
    if (opts.forgetPayload) this.#forgetful.add(kind);
    else this.#forgetful.delete(kind);
  }

  /**
   * Periodic work a module owns: enqueued once per hour, day or number of minutes by whichever
   * process gets there first (the dedupe key names the slot). `startClock` runs the clock, the
   * modules say what.
   */
  every(every: Every, kind: string, dedupePrefix: string): void {
    this.#periodic.push({ kind, every, dedupePrefix });
  }

  /** Enqueues every periodic job not yet enqueued for its current slot; the clock calls it. */
  async enqueuePeriodic(now = new Date()): Promise<void> {
    for (const p of this.#periodic) {
      await this.enqueue({ kind: p.kind, payload: {}, dedupeKey: `${p.dedupePrefix}:${slot(p.every, now)}` });
    }
  }

  /** How often the clock ticks: the shortest period asked for, and at least hourly (daily work is checked hourly). */
  clockMs(): number {
    return Math.min(
      HOUR_MS,
      ...this.#periodic.map((p) => (typeof p.every === 'object' ? p.every.minutes * 60_000 : HOUR_MS)),
    );
  }

  /**
   * Enqueues the periodic jobs now and then on every tick until stopped. Every process runs one;
   * the dedupe keys make the first to reach a slot the only one that enqueues it.
   */
  async startClock(): Promise<{ stop(): void }> {
    await this.enqueuePeriodic();
    const timer = setInterval(() => {
      this.enqueuePeriodic().catch((err: unknown) =>
        this.log.warn({ error: err instanceof Error ? err.message : String(err) }, 'periodic jobs not enqueued'),
      );
    }, this.clockMs());
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  enqueue(
    job: { kind: string; payload: Record<string, unknown>; runAt?: Date; dedupeKey?: string },
    trx?: Db,
  ): Promise<void> {
    return this.repo.enqueue({ ...job, runAt: job.runAt ?? new Date() }, trx);
  }

  /**
   * Jobs to enqueue as part of the caller's own statement (a CTE), for a create that writes
   * everything in one round trip; the caller runs it inside the transaction that causes them.
   */
  enqueueStatement(
    jobs: { kind: string; payload: Record<string, unknown>; runAt?: Date; dedupeKey?: string }[],
  ): RawBuilder<unknown> | null {
    if (jobs.length === 0) return null;
    return this.repo.enqueueStatement(jobs.map((j) => ({ ...j, runAt: j.runAt ?? new Date() })));
  }

  cancelByPrefix(prefix: string, trx?: Db): Promise<number> {
    return this.repo.cancelByPrefix(prefix, trx);
  }

  /**
   * Runs every job that is due now; returns how many completed. `stopping` is asked before each
   * new batch is claimed: a shutting-down process finishes what it holds but takes nothing more.
   */
  async runDue(workerId: string, batch = 20, stopping: () => boolean = () => false): Promise<number> {
    let completed = 0;
    for (;;) {
      if (stopping()) return completed;
      // Only kinds this process can run: during a rolling deploy an older process leaves newer kinds alone.
      const jobs = await this.repo.claim(workerId, [...this.#handlers.keys()], batch, 5 * 60_000);
      if (jobs.length === 0) return completed;
      for (const job of jobs) if (await this.runOne(job)) completed++;
    }
  }

  private async runOne(job: JobRow): Promise<boolean> {
    const handler = this.#handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { id: job.id, attempts: job.attempts });
      await this.repo.complete(job.id, this.#forgetful.has(job.kind));
      return true;
    } catch (err) {
      // Error texts from mail relays can quote addresses; keep those out of logs.
      const message = (err instanceof Error ? err.message : String(err)).replace(/[^\s@<>]+@[^\s@<>]+/g, '[address]');
      if (job.attempts >= job.max_attempts) {
        this.log.error({ jobId: job.id, kind: job.kind, error: message }, 'job failed for good');
        await this.repo.fail(job.id, message, this.#forgetful.has(job.kind));
      } else {
        this.log.warn(
          { jobId: job.id, kind: job.kind, attempts: job.attempts, error: message },
          'job failed; will retry',
        );
        await this.repo.retryLater(job.id, new Date(Date.now() + backoffMs(job.attempts)), message);
      }
      return false;
    }
  }

  /** Polls for due jobs until stopped. One per process; any number of processes may run one. */
  startRunner(intervalMs = 5_000): { stop(): Promise<void> } {
    const workerId = `worker-${randomUUID().slice(0, 8)}`;
    let running: Promise<unknown> | null = null;
    let stopped = false;
    const tick = (): void => {
      // One sweep at a time: a slow sweep is not joined by the next tick's.
      if (stopped || running) return;
      running = this.runDue(workerId, 20, () => stopped)
        .catch((err: unknown) =>
          this.log.error({ error: err instanceof Error ? err.message : String(err) }, 'job runner tick failed'),
        )
        .finally(() => {
          running = null;
        });
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    tick();
    return {
      async stop() {
        stopped = true;
        clearInterval(timer);
        await running;
      },
    };
  }
}
