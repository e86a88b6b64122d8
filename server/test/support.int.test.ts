import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoursRepository } from '../src/modules/registration/hours-repository.js';
import { HoursService } from '../src/modules/registration/hours-service.js';
import {
  createOrganization,
  createUser,
  createTestContext,
  signIn,
  uniq,
  type Agent,
  type TestContext,
} from './context.js';

let ctx: TestContext;
let patient: Agent;
let staff: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

interface Req {
  id: string;
  threadId: string;
  status: string;
  topic: string;
}

describe('tech-help requests', () => {
  it('a patient opens a request; staff see it in the queue and answer in secure messaging', async () => {
    const res = await patient.inject('POST', '/api/support-requests', {
      topic: 'visit',
      description: 'My camera is not found by the browser.',
    });
    expect(res.statusCode).toBe(201);
    const req = res.json<Req>();
    expect(req).toMatchObject({ topic: 'visit', status: 'open' });

    const queue = await staff.inject('GET', '/api/support-requests');
    expect(queue.json<{ requests: Req[] }>().requests.map((r) => r.id)).toContain(req.id);

    const thread = await staff.inject('GET', `/api/messages/threads/${req.threadId}`);
    expect(thread.statusCode).toBe(200);
    expect(thread.json()).toMatchObject({ topic: 'technical', recipient: 'Technical help' });

    const reply = await staff.inject('POST', `/api/messages/threads/${req.threadId}/messages`, {
      body: 'Please allow camera access in the address bar, then run the device check again.',
    });
    expect(reply.statusCode).toBeLessThan(300);
    const seen = await patient.inject('GET', `/api/messages/threads/${req.threadId}`);
    expect(seen.json<{ messages: { side: string }[] }>().messages.map((m) => m.side)).toEqual(['patient', 'care_team']);

    const mine = await patient.inject('GET', '/api/support-requests');
    expect(mine.json<{ requests: Req[] }>().requests.map((r) => r.id)).toEqual([req.id]);

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', req.id)
      .where('action', '=', 'support.request.create')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("another organization's staff neither see the request nor open its conversation", async () => {
    const req = (
      await patient.inject('POST', '/api/support-requests', {
        topic: 'account',
        description: 'Cannot sign in on my phone.',
      })
    ).json<Req>();
    const otherOrg = await createOrganization(ctx.database);
    const outsider = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
    const queue = await outsider.inject('GET', '/api/support-requests');
    expect(queue.json<{ requests: Req[] }>().requests.map((r) => r.id)).not.toContain(req.id);
    expect((await outsider.inject('GET', `/api/messages/threads/${req.threadId}`)).statusCode).toBe(404);
  });

  it('writes the conversation and the request together: a request that fails leaves no thread behind', async () => {
    // The request's own row fails after its conversation was written: a real database refusal,
    // as a connection cut between the two writes would be.
    const marker = `cut-${uniq()}`;
    await sql`alter table support_requests add constraint test_support_cut check (description not like 'cut-%') not valid`.execute(
      ctx.database.db,
    );
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/support-requests',
        headers: { cookie: patient.cookie, 'x-csrf-token': patient.csrf, 'idempotency-key': marker },
        payload: { topic: 'account', description: marker },
      });
    const creations = async (): Promise<number> =>
      (
        await ctx.database.db
          .selectFrom('audit_events')
          .select('id')
          .where('action', 'in', ['message.start', 'support.request.create'])
          .execute()
      ).length;
    const before = await creations();
    try {
      expect((await send()).statusCode).toBe(500);
    } finally {
      await sql`alter table support_requests drop constraint test_support_cut`.execute(ctx.database.db);
    }
    const left = await ctx.database.db
      .selectFrom('messages')
      .select('thread_id')
      .where('body', 'like', `${marker}%`)
      .execute();
    expect(left).toEqual([]);
    expect(await creations()).toBe(before);

    // The same request with the same key now goes through, once, with one conversation.
    const retried = await send();
    expect(retried.statusCode).toBe(201);
    const again = await send();
    expect(again.json<Req>().id).toBe(retried.json<Req>().id);
    const threads = await ctx.database.db
      .selectFrom('messages')
      .select('thread_id')
      .where('body', 'like', `${marker}%`)
      .execute();
    expect(threads.map((t) => t.thread_id)).toEqual([retried.json<Req>().threadId]);
  });

  it('rejects a request without a topic or description, or about someone else’s appointment', async () => {
    const empty = await patient.inject('POST', '/api/support-requests', { description: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['topic', 'description']);
    const foreign = await patient.inject('POST', '/api/support-requests', {
      topic: 'visit',
      description: 'Video freezes.',
      appointmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['appointmentId']);
    expect((await staff.inject('POST', '/api/support-requests', { topic: 'visit', description: 'x' })).statusCode).toBe(
      403,
    );
  });
});

describe('opening hours', () => {
  const WEEK = [1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' }));
  WEEK.push({ weekday: 5, opens: '08:00', closes: '17:00' });

  it('are public and say whether the organization is open, judged in its time zone', async () => {
    await ctx.services.registration.hours.set(ctx.orgId, 'tech_help', WEEK);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/organizations/${ctx.orgId}/hours?kind=tech_help` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ timeZone: 'America/New_York', intervals: WEEK });

    // A fixed clock: Friday 2025-01-17 17:30 in New York is closed until Monday 8:00.
    const friday = new HoursService(
      new HoursRepository(ctx.database.db),
      ctx.services.organizations,
      () => new Date('2025-01-17T22:30:00Z'),
    );
    expect(await friday.get(ctx.orgId, 'tech_help')).toMatchObject({
      openNow: false,
      nextOpensAt: '2025-01-20T13:00:00.000Z',
    });
    const tuesday = new HoursService(
      new HoursRepository(ctx.database.db),
      ctx.services.organizations,
      () => new Date('2025-01-14T15:00:00Z'),
    );
    expect(await tuesday.get(ctx.orgId, 'tech_help')).toMatchObject({
      openNow: true,
      closesAt: '2025-01-14T23:00:00.000Z',
    });
    // Registration hours are kept apart: none set here.
    expect(await tuesday.get(ctx.orgId, 'registration')).toMatchObject({ openNow: false, intervals: [] });
  });

  it('are a 404 for an unknown organization', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/organizations/00000000-0000-4000-8000-000000000000/hours',
    });
    expect(res.statusCode).toBe(404);
  });
});
