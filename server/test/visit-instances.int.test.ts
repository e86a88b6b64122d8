import { afterAll, describe, expect, it } from 'vitest';
import type { GuestInvite } from '@portico/contracts';
import { TEST_DATABASE_URL, createTestContext, signIn, type TestContext } from './context.js';
import { REDIS_URL, secondInstance } from './instances.js';
import { TestSocket, checkInAndStart, createVisit, listen } from './visit-fixtures.js';

// Two instances need a database server they can share; CI runs this file against PostgreSQL.
describe.skipIf(!TEST_DATABASE_URL).each([
  ['PostgreSQL LISTEN/NOTIFY', {}],
  ['Redis pub/sub', { REDIS_URL }],
])('a call across two server instances (%s)', (busName, env: Record<string, string>) => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
  });

  it('admits, relays signaling (even oversized SDP) and ends across instances', async () => {
    const ctx: TestContext = await createTestContext(env);
    open.push(ctx);
    const hostA = await listen(ctx);
    const b = await secondInstance(env, { listen: true });
    open.push(b);
    expect(ctx.services.visits.bus.name).toBe(busName.startsWith('Redis') ? 'redis' : 'postgres');
    expect(ctx.services.visits.instanceId).not.toBe(b.services.visits.instanceId);

    const v = await createVisit(ctx);
    await checkInAndStart(v);
    // The clinician signs in and connects through instance B; the patient stays on A.
    const clinicianOnB = await signIn(
      b.app,
      (
        await ctx.database.db
          .selectFrom('users')
          .select('email')
          .where('id', '=', v.clinicianUserId)
          .executeTakeFirstOrThrow()
      ).email,
    );
    const patient = await TestSocket.open(hostA, v.appointmentId, v.patient);
    const pw = await patient.next('welcome');
    const clinician = await TestSocket.open(b.host, v.appointmentId, clinicianOnB);
    const cw = await clinician.next('welcome');
    await patient.next('visit', (m) => m.visit.waiting.clinicianConnected);

    const admit = await clinicianOnB.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    expect(admit.statusCode).toBe(200);
    await patient.next('visit', (m) => m.visit.participants.some((p) => p.id === pw.participantId && p.admitted));

    const bigOffer = { kind: 'description', type: 'offer', sdp: `v=0\r\n${'a=candidate-line\r\n'.repeat(1500)}` };
    expect(bigOffer.sdp.length).toBeGreaterThan(20_000);
    clinician.send({ type: 'signal', to: pw.participantId, data: bigOffer });
    expect(await patient.next('signal')).toEqual({ type: 'signal', from: cw.participantId, data: bigOffer });
    const answer = { kind: 'description', type: 'answer', sdp: 'v=0\r\n' };
    patient.send({ type: 'signal', to: cw.participantId, data: answer });
    expect((await clinician.next('signal')).data).toEqual(answer);

    patient.send({ type: 'connected', video: true });
    await clinician.next('visit', (m) => m.visit.liveState === 'in_visit');
    const end = await clinicianOnB.inject('POST', `/api/visits/${v.appointmentId}/end`, {});
    expect(end.json()).toMatchObject({ status: 'finished' });
    expect(await patient.next('bye')).toEqual({ type: 'bye', reason: 'visit_ended' });
  });

  it('keeps who may be relayed to in step with admissions and removals made on the other instance', async () => {
    const ctx: TestContext = await createTestContext(env);
    open.push(ctx);
    const hostA = await listen(ctx);
    const b = await secondInstance(env, { listen: true });
    open.push(b);
    const v = await createVisit(ctx);
    const email = await ctx.database.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', v.clinicianUserId)
      .executeTakeFirstOrThrow();
    const clinicianOnB = await signIn(b.app, email.email);
    const invite = (
      await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/guests`, { kind: 'guest', label: 'Daughter' })
    ).json<GuestInvite>();
    await checkInAndStart(v);
    const claimed = await ctx.app.inject({
      method: 'POST',
      url: '/api/visits/guest/claim',
      payload: { token: invite.link?.split('#')[1], name: 'Ana' },
    });
    const guestCookie = `portico_guest=${claimed.cookies.find((c) => c.name === 'portico_guest')?.value ?? ''}`;

    // Patient and guest on A, clinician on B.
    const patient = await TestSocket.open(hostA, v.appointmentId, v.patient);
    const pw = await patient.next('welcome');
    const guest = await TestSocket.open(hostA, v.appointmentId, { cookie: guestCookie });
    const gw = await guest.next('welcome');
    const clinician = await TestSocket.open(b.host, v.appointmentId, clinicianOnB);
    await clinician.next('welcome');
    const offer = { kind: 'description', type: 'offer', sdp: 'v=0\r\n' } as const;

    // B has read the visit (nobody admitted but the clinician) before anyone is admitted on A.
    clinician.send({ type: 'signal', to: pw.participantId, data: offer });
    expect((await clinician.next('error')).code).toBe('unknown_participant');
    clinician.send({ type: 'signal', to: gw.participantId, data: offer });
    expect((await clinician.next('error')).code).toBe('unknown_participant');

    // Admitted on A: B relays to them.
    expect((await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {})).statusCode).toBe(200);
    const admitGuest = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {
      participantId: gw.participantId,
    });
    expect(admitGuest.statusCode).toBe(200);
    await clinician.next('visit', (m) => m.visit.participants.filter((p) => p.admitted).length === 3);
    clinician.send({ type: 'signal', to: pw.participantId, data: offer });
    expect((await patient.next('signal')).data).toEqual(offer);
    clinician.send({ type: 'signal', to: gw.participantId, data: offer });
    expect((await guest.next('signal')).data).toEqual(offer);

    // Removed on A: B stops relaying to the guest at once, and the patient is still reachable.
    const revoke = await v.clinician.inject('DELETE', `/api/visits/${v.appointmentId}/guests/${invite.id}`);
    expect(revoke.statusCode).toBe(204);
    expect(await guest.next('bye')).toEqual({ type: 'bye', reason: 'removed' });
    await clinician.next('visit', (m) => !m.visit.participants.some((p) => p.id === gw.participantId));
    clinician.send({ type: 'signal', to: gw.participantId, data: offer });
    expect((await clinician.next('error')).code).toBe('unknown_participant');
    clinician.send({ type: 'signal', to: pw.participantId, data: offer });
    expect((await patient.next('signal')).data).toEqual(offer);

    // Ended on A: B's sockets are told and closed.
    await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/end`, {});
    expect(await clinician.next('bye')).toEqual({ type: 'bye', reason: 'visit_ended' });
  });
});
