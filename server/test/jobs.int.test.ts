import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/modules.js';
import { createTestContext, createUser, outboxFor, signIn, type TestContext } from './context.js';
import { clinicTime, createClinician, type TestClinician } from './scheduling-fixtures.js';

let ctx: TestContext;
let clinician: TestClinician;
const quiet = { warn: () => undefined, error: () => undefined };
beforeAll(async () => {
  ctx = await createTestContext();
  clinician = await createClinician(ctx);
});
afterAll(async () => ctx?.close());

/** A fresh set of services on the same database: what a restarted process would have. */
const restartedServices = () => createServices(ctx.config, ctx.database, quiet);

let nextDay = 3;
/** Books a visit on a day of its own: two bookings on one slot would make the second a 409. */
async function bookAs() {
  const user = await createUser(ctx, 'patient');
  const agent = await signIn(ctx.app, user.email);
  const res = await agent.inject('POST', '/api/appointments', {
    clinicianId: clinician.id,
    visitTypeId: clinician.followUpId,
    start: clinicTime(nextDay++, '15:00'),
  });
  if (res.statusCode !== 201) throw new Error(`booking failed ${res.statusCode}: ${res.body}`);
  const appt = res.json<{ id: string }>();
  return { user, agent, appt };
}

/**
 * On a shared PostgreSQL database other test files run jobs too and may have claimed these
 * reminders: wait until every one of them is finished before counting what was sent.
 */
async function remindersSettled(appointmentId: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await ctx.database.db
            .selectFrom('jobs')
            .select('id')
            .where('dedupe_key', 'like', `reminder:${appointmentId}:%`)
            .where('done_at', 'is', null)
            .where('cancelled_at', 'is', null)
            .where('failed_at', 'is', null)
            .execute()
        ).length,
      { timeout: 20_000 },
    )
    .toBe(0);
}

/** Pretend the reminder times have come. */
const makeRemindersDue = (appointmentId: string) =>
  ctx.database.db
    .updateTable('jobs')
    .set({ run_at: new Date(Date.now() - 1000) })
    .where('dedupe_key', 'like', `reminder:${appointmentId}:%`)
    .execute();

describe('durable reminder jobs', () => {
  it('survive a restart between scheduling and sending, and are sent exactly once', async () => {
    const { user, appt } = await bookAs();
    await ctx.services.jobs.runDue('before-restart'); // sends the booking confirmation only
    expect((await outboxFor(ctx, user.email)).filter((m) => m.subject.startsWith('Reminder'))).toHaveLength(0);

    const runner = ctx.services.jobs.startRunner(60_000);
    await runner.stop(); // the process goes away

    await makeRemindersDue(appt.id);
    const after = restartedServices();
    await after.jobs.runDue('after-restart');
    await after.jobs.runDue('after-restart');
    await restartedServices().jobs.runDue('another-process');
    await remindersSettled(appt.id);
    const reminders = (await outboxFor(ctx, user.email)).filter((m) => m.subject === 'Reminder: upcoming appointment');
    expect(reminders).toHaveLength(2);
    expect(reminders[0]?.text).toContain(`/appointments/${appt.id}`);
  });

  it('two runners racing for the same due jobs never both send', async () => {
    const { user, appt } = await bookAs();
    await ctx.services.jobs.runDue('x');
    await makeRemindersDue(appt.id);
    await Promise.all([restartedServices().jobs.runDue('a'), restartedServices().jobs.runDue('b')]);
    await remindersSettled(appt.id);
    expect((await outboxFor(ctx, user.email)).filter((m) => m.subject.startsWith('Reminder'))).toHaveLength(2);
  });

  it('are dropped when the visit is cancelled or moved', async () => {
    const cancelled = await bookAs();
    await cancelled.agent.inject('POST', `/api/appointments/${cancelled.appt.id}/cancel`, {});
    const moved = await bookAs();
    await ctx.services.jobs.runDue('x');
    // Even if a stale reminder for the old time were due, it must not be sent.
    await ctx.database.db
      .updateTable('appointments')
      .set({
        start_at: new Date(Date.now() + 86_400_000 * 30),
        end_at: new Date(Date.now() + 86_400_000 * 30 + 1_800_000),
        busy_until: new Date(Date.now() + 86_400_000 * 30 + 1_800_000),
      })
      .where('id', '=', moved.appt.id)
      .execute();
    await makeRemindersDue(cancelled.appt.id);
    await makeRemindersDue(moved.appt.id);
    await ctx.services.jobs.runDue('x');
    for (const { user } of [cancelled, moved]) {
      expect((await outboxFor(ctx, user.email)).filter((m) => m.subject.startsWith('Reminder'))).toHaveLength(0);
    }
  });

  it('a failing job is retried later with backoff and gives up after its attempts', async () => {
    const services = restartedServices();
    let calls = 0;
    const kind = `test.flaky.${Math.random()}`;
    services.jobs.register(kind, async () => {
      calls++;
      throw new Error('relay unavailable for someone@example.org');
    });
    const key = `flaky-${Date.now()}-${Math.random()}`;
    await services.jobs.enqueue({ kind, payload: {}, dedupeKey: key });
    await services.jobs.runDue('w');
    const job = await ctx.database.db
      .selectFrom('jobs')
      .select(['attempts', 'run_at', 'last_error', 'failed_at'])
      .where('dedupe_key', '=', key)
      .executeTakeFirstOrThrow();
    expect(calls).toBe(1);
    expect(job.attempts).toBe(1);
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(job.last_error).toContain('relay unavailable');
    await ctx.database.db
      .updateTable('jobs')
      .set({ attempts: 7, run_at: new Date(Date.now() - 1000) })
      .where('dedupe_key', '=', key)
      .execute();
    await services.jobs.runDue('w');
    const dead = await ctx.database.db
      .selectFrom('jobs')
      .select(['failed_at'])
      .where('dedupe_key', '=', key)
      .executeTakeFirstOrThrow();
    expect(dead.failed_at).not.toBeNull();
    await services.jobs.runDue('w');
    expect(calls).toBe(2);
  });
});
