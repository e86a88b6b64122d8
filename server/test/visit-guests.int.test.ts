import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuestInvite, GuestInviteList } from '@portico/contracts';
import { createTestContext, outboxFor, type TestContext } from './context.js';
import { TestSocket, checkInAndStart, createVisit, listen } from './visit-fixtures.js';

let ctx: TestContext;
let host: string;
beforeAll(async () => {
  ctx = await createTestContext();
  host = await listen(ctx);
});
afterAll(async () => ctx.close());

const OFFER = { kind: 'description', type: 'offer', sdp: 'v=0\r\n' } as const;

function tokenOf(invite: GuestInvite): string {
  const token = invite.link?.split('#')[1];
  if (!token) throw new Error('no token in link');
  return token;
}

async function claim(token: string, name = 'Sam Guest') {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/visits/guest/claim', payload: { token, name } });
  const cookie = res.cookies.find((c) => c.name === 'portico_guest');
  return { res, cookie: cookie ? `portico_guest=${cookie.value}` : '' };
}

describe('guest and interpreter invitations', () => {
  it('lets an invited guest wait in the lobby, be admitted by the clinician, and take part', async () => {
    const v = await createVisit(ctx);
    const created = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/guests`, {
      kind: 'interpreter',
      label: 'Spanish interpreter',
      language: 'es',
      email: 'interpreter@test.example',
    });
    expect(created.statusCode).toBe(201);
    const invite = created.json<GuestInvite>();
    const token = tokenOf(invite);
    // 128 random bits, URL-safe, in the fragment (never sent to the server with page loads).
    expect(invite.link).toMatch(/\/visit\/join#[A-Za-z0-9_-]{22}$/);
    const mail = await outboxFor(ctx, 'interpreter@test.example');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain(token);
    expect(mail[0]?.text).not.toMatch(/Pat |Patient-/);

    const listed = await v.clinician.inject('GET', `/api/visits/${v.appointmentId}/guests`);
    expect(listed.json<GuestInviteList>().guests[0]).not.toHaveProperty('link');

    await checkInAndStart(v);
    const patient = await TestSocket.open(host, v.appointmentId, v.patient);
    const pw = await patient.next('welcome');
    const clinician = await TestSocket.open(host, v.appointmentId, v.clinician);
    await clinician.next('welcome');
    await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});

    const { res, cookie } = await claim(token, 'Lucía');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ appointmentId: v.appointmentId, kind: 'interpreter', name: 'Lucía' });
    const guest = await TestSocket.open(host, v.appointmentId, { cookie });
    const gw = await guest.next('welcome');
    expect(gw).toMatchObject({ role: 'interpreter', admitted: false });
    const lobbyView = await guest.next('visit');
    expect(lobbyView.visit.checkIn.answers).toBeNull();

    // Not admitted: sends nothing, receives nothing.
    guest.send({ type: 'signal', to: pw.participantId, data: OFFER });
    expect((await guest.next('error')).code).toBe('not_admitted');
    patient.send({ type: 'signal', to: gw.participantId, data: OFFER });
    expect((await patient.next('error')).code).toBe('unknown_participant');

    const admit = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {
      participantId: gw.participantId,
    });
    expect(admit.statusCode).toBe(200);
    await guest.next('visit', (m) => m.visit.participants.some((p) => p.id === gw.participantId && p.admitted));
    patient.send({ type: 'signal', to: gw.participantId, data: OFFER });
    expect(await guest.next('signal')).toMatchObject({ from: pw.participantId });

    // One person at a time: a second claim while the guest is connected is refused.
    const second = await claim(token, 'Someone else');
    expect(second.res.statusCode).toBe(409);
    expect(second.res.json()).toMatchObject({ code: 'invitation_in_use' });

    // Revoking removes the guest at once, and the link stops working.
    const revoke = await v.clinician.inject('DELETE', `/api/visits/${v.appointmentId}/guests/${invite.id}`);
    expect(revoke.statusCode).toBe(204);
    expect(await guest.next('bye')).toEqual({ type: 'bye', reason: 'removed' });
    // The relay's memory of who is admitted let go of the guest with the removal.
    patient.send({ type: 'signal', to: gw.participantId, data: OFFER });
    expect((await patient.next('error')).code).toBe('unknown_participant');
    const after = await claim(token);
    expect(after.res.statusCode).toBe(404);
    expect(after.res.json()).toMatchObject({ code: 'invitation_invalid' });
    await expect(TestSocket.open(host, v.appointmentId, { cookie })).rejects.toThrow('refused 404');
    patient.close();
    clinician.close();
  });

  it("admits no one with guessed, expired or another visit's links, and says nothing about why", async () => {
    const a = await createVisit(ctx);
    const b = await createVisit(ctx);
    const guessed = await claim('AAAAAAAAAAAAAAAAAAAAAA');
    expect(guessed.res.statusCode).toBe(404);
    const invite = (
      await a.clinician.inject('POST', `/api/visits/${a.appointmentId}/guests`, { kind: 'guest', label: 'Spouse' })
    ).json<GuestInvite>();
    const { cookie } = await claim(tokenOf(invite));
    await expect(TestSocket.open(host, b.appointmentId, { cookie })).rejects.toThrow('refused 404');
    const current = await ctx.app.inject({ method: 'GET', url: '/api/visits/guest/current', headers: { cookie } });
    expect(current.json()).toMatchObject({ appointmentId: a.appointmentId });
    expect(JSON.stringify(current.json())).not.toMatch(/Patient-/);

    // The visit ends: the invitation ends with it.
    await a.clinician.inject('POST', `/api/visits/${a.appointmentId}/end`, { outcome: 'no_show' });
    const ended = await ctx.app.inject({ method: 'GET', url: '/api/visits/guest/current', headers: { cookie } });
    expect(ended.statusCode).toBe(404);
    expect(guessed.res.json<{ detail: string }>().detail).toBe(ended.json<{ detail: string }>().detail);
  });

  it('lets the patient invite a guest unless the organization turns that off', async () => {
    const v = await createVisit(ctx);
    const ok = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/guests`, {
      kind: 'guest',
      label: 'My daughter',
    });
    expect(ok.statusCode).toBe(201);
    await ctx.database.db
      .updateTable('organizations')
      .set({ settings: JSON.stringify({ patientsMayInviteGuests: false }) })
      .where('id', '=', ctx.orgId)
      .execute();
    const refused = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/guests`, {
      kind: 'guest',
      label: 'Neighbour',
    });
    expect(refused.statusCode).toBe(403);
    await ctx.database.db.updateTable('organizations').set({ settings: '{}' }).where('id', '=', ctx.orgId).execute();
  });
});

describe('ICE servers', () => {
  it('gives participants relay credentials and strangers nothing', async () => {
    const v = await createVisit(ctx);
    const res = await v.patient.inject('GET', `/api/visits/${v.appointmentId}/ice-servers`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ iceServers: [], expiresAt: null });
    const stranger = await ctx.app.inject({ method: 'GET', url: `/api/visits/${v.appointmentId}/ice-servers` });
    expect(stranger.statusCode).toBe(401);
  });
});
