import { randomInt } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditVerifyCommand } from '../src/modules/audit/cli.js';
import { readCheckpoints } from '../src/modules/audit/checkpoint.js';
import { createServices } from '../src/modules.js';
import { createTestContext, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const quiet = { warn: () => undefined, error: () => undefined };

async function queued(prefix: string) {
  const rows = await ctx.database.db
    .selectFrom('jobs')
    .select(['kind', 'dedupe_key'])
    .where('dedupe_key', 'like', `%:${prefix}%`)
    .execute();
  return rows.map((r) => `${r.kind} ${r.dedupe_key}`).sort();
}

describe('periodic jobs registered by their modules', () => {
  it('enqueues each module’s hourly and daily work once per hour or day, however many processes ask', async () => {
    const at = new Date('2031-03-04T05:06:07Z');
    await ctx.services.jobs.enqueuePeriodic(at);
    // A second process (its own services, same database) at the same hour adds nothing.
    await createServices(ctx.config, ctx.database, quiet).jobs.enqueuePeriodic(new Date('2031-03-04T05:59:00Z'));
    expect(await queued('2031-03-04')).toEqual([
      'audit.checkpoint audit-checkpoint:2031-03-04T05:00',
      'billing.payment_reminders billing-reminders:2031-03-04',
      'directory.next_available_all next-available-all:2031-03-04T05',
      'fhir.bulk_expire bulk-expire:2031-03-04T05',
      'files.sweep_parts files-sweep-parts:2031-03-04T05',
      'idempotency.purge idempotency-purge:2031-03-04T05',
      'identity.throttle-purge throttle-purge:2031-03-04T05',
      'opinions.discard_stale_uploads discard-uploads:2031-03-04T05',
      'opinions.reminders opinion-reminders:2031-03-04',
      'smart.purge smart-purge:2031-03-04T05',
    ]);

    // The next hour brings the hourly work again; the daily work waits for the next day.
    await ctx.services.jobs.enqueuePeriodic(new Date('2031-03-04T06:00:01Z'));
    const next = await queued('2031-03-04T06');
    expect(next).toHaveLength(8);
    expect(next.some((j) => j.startsWith('billing.payment_reminders'))).toBe(false);
  });
});

describe('the signed audit checkpoint, a periodic job', () => {
  let audited: TestContext;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-checkpoint-'));
    audited = await createTestContext({
      PORTICO_AUDIT_CHECKPOINT_MINUTES: '15',
      PORTICO_AUDIT_SIGNING_KEY_FILE: join(dir, 'signing.pem'),
      PORTICO_AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints.jsonl'),
    });
  });
  afterAll(async () => audited?.close());
  afterEach(() => vi.useRealTimers());

  it('the clock ticks every PORTICO_AUDIT_CHECKPOINT_MINUTES and enqueues at once and on each tick', async () => {
    const jobs = audited.services.jobs;
    expect(jobs.clockMs()).toBe(15 * 60_000);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const enqueue = vi.spyOn(jobs, 'enqueuePeriodic');
    const clock = await jobs.startClock();
    expect(enqueue).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(15 * 60_000);
    expect(enqueue).toHaveBeenCalledTimes(2);
    clock.stop();
    vi.advanceTimersByTime(60 * 60_000);
    expect(enqueue).toHaveBeenCalledTimes(2);
  });

  it('each 15-minute slot enqueues one checkpoint job, which signs a checkpoint `audit:verify` accepts', async () => {
    const { jobs } = audited.services;
    const { db } = audited.database;
    // A slot far ahead that no earlier run of this test used (the jobs table may be shared).
    const slot = new Date(Date.UTC(2040, 0, 1) + randomInt(0, 1_000_000) * 15 * 60_000);
    const key = `audit-checkpoint:${slot.toISOString().slice(0, 16)}`;
    await jobs.enqueuePeriodic(new Date(slot.getTime() + 60_000));
    // Another process later in the same slot adds nothing; the next slot has its own.
    await createServices(audited.config, audited.database, quiet).jobs.enqueuePeriodic(
      new Date(slot.getTime() + 14 * 60_000),
    );
    const next = `audit-checkpoint:${new Date(slot.getTime() + 15 * 60_000).toISOString().slice(0, 16)}`;
    await jobs.enqueuePeriodic(new Date(slot.getTime() + 15 * 60_000));
    const checkpoints = () =>
      db
        .selectFrom('jobs')
        .select(['dedupe_key', 'done_at'])
        .where('kind', '=', 'audit.checkpoint')
        .where('dedupe_key', 'in', [key, next])
        .orderBy('dedupe_key')
        .execute();
    expect(await checkpoints()).toEqual([
      { dedupe_key: key, done_at: null },
      { dedupe_key: next, done_at: null },
    ]);

    await jobs.runDue('checkpoint-test');
    expect(await checkpoints()).toEqual([
      { dedupe_key: key, done_at: expect.any(Date) },
      { dedupe_key: next, done_at: expect.any(Date) },
    ]);
    // (The clock above enqueued the current slot's checkpoint too: the runner signed both.)
    const written = await readCheckpoints(audited.config.audit.checkpointFile);
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(await readFile(audited.config.audit.signingKeyFile, 'utf8')).toMatch(/PRIVATE KEY/);

    let output = '';
    const code = await auditVerifyCommand(db, audited.config.audit, { write: (t: string) => (output += t) });
    expect(output).toMatch(
      new RegExp(`Audit chain intact: .* ${written.length} of ${written.length} signed checkpoints verified`),
    );
    expect(code).toBe(0);
  });
});
