import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DelegateList, QueueList } from '@portico/contracts';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import { checkInAndStart, createVisit, type VisitSetup } from './visit-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** The clinician's day list as `agent` sees it, for the day the visit starts in the clinic's zone. */
async function queueEntryFor(agent: VisitSetup['clinician'], v: VisitSetup) {
  const appt = await ctx.database.db
    .selectFrom('appointments as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .select(['a.start_at', 'o.time_zone', 'a.clinician_id'])
    .where('a.id', '=', v.appointmentId)
    .executeTakeFirstOrThrow();
  const date = DateTime.fromJSDate(appt.start_at).setZone(appt.time_zone).toISODate();
  const res = await agent.inject('GET', `/api/visits/queue?date=${date}&clinicianId=${appt.clinician_id}`);
  expect(res.statusCode).toBe(200);
  return res.json<QueueList>().visits.find((e) => e.appointmentId === v.appointmentId);
}

describe('staff the clinician names may let patients in', () => {
  it('admits for a named staff member only, and stops when the clinician takes it back', async () => {
    const v = await createVisit(ctx);
    const named = await createUser(ctx, 'staff');
    const other = await createUser(ctx, 'staff');
    const namedAgent = await signIn(ctx.app, named.email);
    const otherAgent = await signIn(ctx.app, other.email);

    const added = await v.clinician.inject('POST', '/api/visits/delegates', { email: named.email.toUpperCase() });
    expect(added.statusCode).toBe(200);
    expect(added.json<DelegateList>().delegates.map((d) => d.userId)).toEqual([named.id]);
    await checkInAndStart(v);

    // Both staff see the patient waiting; only the named one is offered (and allowed) to admit.
    expect(await queueEntryFor(namedAgent, v)).toMatchObject({ liveState: 'waiting', canAdmit: true });
    expect(await queueEntryFor(otherAgent, v)).toMatchObject({ liveState: 'waiting', canAdmit: false });
    const refused = await otherAgent.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'not_visit_clinician' });

    // Past the permission check: with no patient socket in the lobby here (the socket tests cover
    // that part), the answer is "nobody waiting", not "not allowed".
    const admitted = await namedAgent.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    expect(admitted.json()).toMatchObject({ code: 'nobody_waiting' });
    // Admitting is all that is delegated: the visit's outcome stays with the clinician.
    const end = await namedAgent.inject('POST', `/api/visits/${v.appointmentId}/end`, { outcome: 'completed' });
    expect(end.json()).toMatchObject({ code: 'not_visit_clinician' });
    expect(end.statusCode).toBe(403);

    const removed = await v.clinician.inject('DELETE', `/api/visits/delegates/${named.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await v.clinician.inject('GET', '/api/visits/delegates')).json<DelegateList>().delegates).toEqual([]);
    const later = await createVisit(ctx, { startsInMinutes: 15 });
    expect(await queueEntryFor(namedAgent, later)).toMatchObject({ canAdmit: false });

    const actions = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', v.clinicianUserId)
      .where('action', 'like', 'visit.delegate.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['visit.delegate.add', 'visit.delegate.remove']);
  });

  it('names only staff of the clinician’s own organization, and only clinicians name anyone', async () => {
    const v = await createVisit(ctx);
    const patient = await createUser(ctx, 'patient');
    const unknown = await v.clinician.inject('POST', '/api/visits/delegates', { email: patient.email });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'email' }] });
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    expect((await staff.inject('GET', '/api/visits/delegates')).statusCode).toBe(403);
    expect((await v.patient.inject('POST', '/api/visits/delegates', { email: patient.email })).statusCode).toBe(403);
  });
});
