import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(next).toHaveLength(7);
    expect(next.some((j) => j.startsWith('billing.payment_reminders'))).toBe(false);
  });
});
