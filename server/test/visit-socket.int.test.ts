import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueList, VisitView } from '@portico/contracts';
import { sql, type KyselyPlugin } from 'kysely';
import { LiveStateRepository } from '../src/modules/visits/live-repository.js';
import { VisitRepository } from '../src/modules/visits/repository.js';
import { VisitReader } from '../src/modules/visits/visit-reader.js';
import { createTestContext, type TestContext } from './context.js';
import { TestSocket, checkInAndStart, createVisit, listen, sleep, type VisitSetup } from './visit-fixtures.js';

let ctx: TestContext;
let host: string;
beforeAll(async () => {
  ctx = await createTestContext();
  host = await listen(ctx);
});
afterAll(async () => ctx.close());

const OFFER = { kind: 'description', type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } as const;

async function waitingRoom(
  v: VisitSetup,
): Promise<{ patient: TestSocket; clinician: TestSocket; patientId: string; clinicianId: string }> {
  await checkInAndStart(v);
  const patient = await TestSocket.open(host, v.appointmentId, v.patient);
  const pw = await patient.next('welcome');
  expect(pw).toMatchObject({ role: 'patient', admitted: false });
  const clinician = await TestSocket.open(host, v.appointmentId, v.clinician);
  const cw = await clinician.next('welcome');
  expect(cw).toMatchObject({ role: 'clinician', admitted: true });
  return { patient, clinician, patientId: pw.participantId, clinicianId: cw.participantId };
}

describe('waiting room and call signaling', () => {
  it('keeps the patient in the waiting room until the clinician admits, then relays signaling both ways', async () => {
    const v = await createVisit(ctx);
    const { patient, clinician, patientId, clinicianId } = await waitingRoom(v);

    const seen = await patient.next('visit', (m) => m.visit.waiting.clinicianConnected);
    expect(seen.visit.liveState).toBe('waiting');
    expect(seen.visit.waiting.place).toBe(1);
    const queue = (await v.clinician.inject('GET', v.queuePath)).json<QueueList>();
    expect(queue.visits.find((e) => e.appointmentId === v.appointmentId)?.liveState).toBe('waiting');

    // In the lobby: no signaling either way.
    patient.send({ type: 'signal', to: clinicianId, data: OFFER });
    expect(await patient.next('error')).toMatchObject({ code: 'not_admitted' });
    clinician.send({ type: 'signal', to: patientId, data: OFFER });
    expect(await clinician.next('error')).toMatchObject({ code: 'unknown_participant' });

    const admit = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    expect(admit.statusCode).toBe(200);
    await patient.next('visit', (m) => m.visit.participants.some((p) => p.id === patientId && p.admitted));
    expect((await v.patient.inject('GET', `/api/visits/${v.appointmentId}`)).json<VisitView>().liveState).toBe(
      'in_visit',
    );

    clinician.send({ type: 'signal', to: patientId, data: OFFER });
    expect(await patient.next('signal')).toEqual({ type: 'signal', from: clinicianId, data: OFFER });
    const answer = { kind: 'description', type: 'answer', sdp: 'v=0\r\n' };
    patient.send({ type: 'signal', to: clinicianId, data: answer });
    expect(await clinician.next('signal')).toEqual({ type: 'signal', from: patientId, data: answer });
    const candidate = {
      kind: 'candidate',
      candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 54321 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    clinician.send({ type: 'signal', to: patientId, data: candidate });
    expect((await patient.next('signal')).data).toEqual(candidate);
    patient.send({ type: 'media', audio: false, video: true, quality: 'fair' });
    expect(await clinician.next('media')).toEqual({
      type: 'media',
      from: patientId,
      state: { audio: false, video: true, quality: 'fair' },
    });

    patient.send({ type: 'connected', video: true });
    // The visit ends as a video visit only once the server has written that video connected.
    await vi.waitFor(
      async () => {
        const row = await ctx.database.db
          .selectFrom('encounters')
          .select('video_connected_at')
          .where('appointment_id', '=', v.appointmentId)
          .executeTakeFirstOrThrow();
        expect(row.video_connected_at).not.toBeNull();
      },
      { timeout: 30_000, interval: 20 },
    );
    const end = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/end`, {});
    expect(end.json<VisitView>()).toMatchObject({ status: 'finished', outcome: 'completed_video' });
    expect(await patient.next('bye')).toEqual({ type: 'bye', reason: 'visit_ended' });
    expect(await patient.closed()).toBe(4000);
    const appt = await v.patient.inject('GET', `/api/appointments/${v.appointmentId}`);
    expect(appt.json()).toMatchObject({ status: 'fulfilled' });
    const history = await ctx.database.db
      .selectFrom('encounter_status_history as h')
      .innerJoin('encounters as e', 'e.id', 'h.encounter_id')
      .select('h.status')
      .where('e.appointment_id', '=', v.appointmentId)
      .orderBy('h.id')
      .execute();
    expect(history.map((h) => h.status)).toEqual(['arrived', 'in-progress', 'finished']);
    const audited = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', v.patientId)
      .where('action', 'like', 'visit.%')
      .execute();
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set(['visit.check_in', 'visit.waiting', 'visit.view', 'visit.join', 'visit.admit', 'visit.end']),
    );
    clinician.close();
  });

  it('records a visit finished by phone without video as completed by phone, and alerts the clinician when the patient cannot connect', async () => {
    const v = await createVisit(ctx);
    const { patient } = await waitingRoom(v);
    await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    const cant = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/cant-connect`);
    expect(cant.statusCode).toBe(200);
    const queue = (await v.clinician.inject('GET', v.queuePath)).json<QueueList>();
    expect(queue.visits.find((e) => e.appointmentId === v.appointmentId)?.cantConnectPhone).toBe('617-555-0123');
    const phone = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/phone`, {});
    expect(phone.json<VisitView>().phoneFallback).toMatchObject({ active: true, number: '617-555-0123' });
    const told = await patient.next('visit', (m) => m.visit.phoneFallback.active);
    expect(told.visit.phoneFallback.number).toBe('617-555-0123');
    const end = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/end`, {});
    expect(end.json<VisitView>().outcome).toBe('completed_phone');
  });

  it('tells the waiting room at once when the clinician is running late or the visit is cancelled', async () => {
    const v = await createVisit(ctx);
    const { patient, clinician } = await waitingRoom(v);
    await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/running-late`, { minutes: 15 });
    expect((await patient.next('visit', (m) => m.visit.waiting.runningLateMinutes === 15)).visit.liveState).toBe(
      'waiting',
    );
    const cancel = await v.clinician.inject('POST', `/api/appointments/${v.appointmentId}/cancel`, {
      reason: 'Clinician unwell',
    });
    expect(cancel.statusCode).toBe(200);
    const gone = await patient.next('visit', (m) => m.visit.liveState === 'cancelled');
    expect(gone.visit.outcome).toBe('cancelled');
    expect(await patient.next('bye')).toEqual({ type: 'bye', reason: 'cancelled' });
    await clinician.closed();
  });

  it('lets a reload or dropped socket rejoin the same visit without being admitted again', async () => {
    const v = await createVisit(ctx);
    const { patient, clinician, patientId } = await waitingRoom(v);
    await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
    await patient.next('visit', (m) => m.visit.participants.some((p) => p.id === patientId && p.admitted));
    patient.ws.terminate();
    const resumed = await TestSocket.open(host, v.appointmentId, v.patient, `?resume=${patientId}`);
    expect(await resumed.next('welcome')).toMatchObject({ participantId: patientId, admitted: true });
    resumed.close();
    // The reload must come after the server has seen this tab go (else it replaces a live tab and
    // waits to be admitted, as a second tab does): wait for the leave to be written.
    await vi.waitFor(
      async () => {
        const row = await ctx.database.db
          .selectFrom('visit_participants')
          .select('left_at')
          .where('id', '=', patientId)
          .executeTakeFirstOrThrow();
        expect(row.left_at).not.toBeNull();
      },
      { timeout: 30_000, interval: 20 },
    );
    const reloaded = await TestSocket.open(host, v.appointmentId, v.patient);
    const again = await reloaded.next('welcome');
    expect(again.participantId).not.toBe(patientId);
    expect(again.admitted).toBe(true);
    reloaded.close();
    clinician.close();
  });

  it('a second tab replaces the first: the first is told and closed, the visit lists one patient connection', async () => {
    const v = await createVisit(ctx);
    const { patient, clinician, patientId } = await waitingRoom(v);
    const second = await TestSocket.open(host, v.appointmentId, v.patient);
    const welcome = await second.next('welcome');
    expect(welcome.participantId).not.toBe(patientId);
    expect(welcome.admitted).toBe(false); // not let in yet: the second tab waits as the first did
    expect(await patient.next('bye')).toEqual({ type: 'bye', reason: 'replaced' });
    await patient.closed();
    const seen = await clinician.next('visit', (m) => m.visit.participants.some((p) => p.id === welcome.participantId));
    expect(seen.visit.participants.filter((p) => p.role === 'patient').map((p) => p.id)).toEqual([
      welcome.participantId,
    ]);
    second.close();
    clinician.close();
  });
});

describe('many joins at once', () => {
  it('writes sockets that ask while a join is being written in one transaction, each with its own row and audit row', async () => {
    const { audit } = ctx.app.services;
    const { participants, presence } = ctx.app.services.visits;
    const visits = [await createVisit(ctx), await createVisit(ctx), await createVisit(ctx)];
    for (const v of visits) await checkInAndStart(v);
    const asked = vi.spyOn(participants, 'join');
    // The first join's transaction starts only once every other socket has asked to join (it
    // must not hold the embedded database's one connection while they sign in meanwhile).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = presence.transaction.bind(presence);
    let transactions = 0;
    const gate = vi.spyOn(presence, 'transaction').mockImplementation(async (fn) => {
      if (++transactions === 1) await held;
      return transaction(fn);
    });
    const recordAll = audit.recordAll.bind(audit);
    const groups: number[] = [];
    const appended = vi.spyOn(audit, 'recordAll').mockImplementation(async (rows, trx) => {
      groups.push(rows.length);
      return recordAll(rows, trx);
    });
    const sockets: TestSocket[] = [];
    try {
      sockets.push(await TestSocket.open(host, visits[0]!.appointmentId, visits[0]!.patient));
      await expect.poll(() => transactions).toBe(1);
      const rest = [
        TestSocket.open(host, visits[0]!.appointmentId, visits[0]!.clinician),
        ...visits
          .slice(1)
          .flatMap((v) => [
            TestSocket.open(host, v.appointmentId, v.patient),
            TestSocket.open(host, v.appointmentId, v.clinician),
          ]),
      ];
      sockets.push(...(await Promise.all(rest)));
      await expect.poll(() => asked.mock.calls.length).toBe(6);
      release();
      const welcomes = await Promise.all(sockets.map((s) => s.next('welcome')));
      expect(groups).toEqual([1, 5]);
      expect(new Set(welcomes.map((w) => w.participantId)).size).toBe(6);
      expect(welcomes.map((w) => [w.role, w.admitted])).toEqual([
        ['patient', false],
        ['clinician', true],
        ['patient', false],
        ['clinician', true],
        ['patient', false],
        ['clinician', true],
      ]);
      const joins = await ctx.database.db
        .selectFrom('audit_events')
        .select(sql<string>`detail->>'participantId'`.as('participant'))
        .where('action', '=', 'visit.join')
        .where(
          'patient_id',
          'in',
          visits.map((v) => v.patientId),
        )
        .execute();
      expect(new Set(joins.map((j) => j.participant))).toEqual(new Set(welcomes.map((w) => w.participantId)));
    } finally {
      release();
      gate.mockRestore();
      appended.mockRestore();
      asked.mockRestore();
      for (const s of sockets) s.close();
    }
  });
});

describe('re-sending a visit to its sockets', () => {
  it('reads the visit once for all of its sockets, and each gets its own view', async () => {
    const v = await createVisit(ctx);
    const { patient, clinician, patientId } = await waitingRoom(v);
    const seen = await patient.next('visit', (m) => m.visit.waiting.clinicianConnected);
    const { visits: service, bus } = ctx.app.services.visits;
    const visits = service.reader;
    // Each read from here on, and the views made from those reads (earlier rounds may still be
    // finishing: their views are not counted).
    const ours = new WeakSet<object>();
    let reads = 0;
    const viewers: string[] = [];
    const snapshot = visits.snapshot.bind(visits);
    const viewOf = visits.viewOf.bind(visits);
    const spies = [
      vi.spyOn(visits, 'snapshot').mockImplementation(async (id) => {
        const read = await snapshot(id);
        if (read) {
          reads++;
          ours.add(read);
        }
        return read;
      }),
      vi.spyOn(visits, 'viewOf').mockImplementation((read, viewer, now) => {
        if (ours.has(read)) viewers.push(viewer.role);
        return viewOf(read, viewer, now);
      }),
    ];
    try {
      await bus.publish({ kind: 'visit', encounterId: seen.visit.encounterId });
      // Every read of the visit made both sockets' views (rounds may coalesce; none is skipped).
      await expect.poll(() => reads > 0 && viewers.length === 2 * reads).toBe(true);
      expect(new Set(viewers)).toEqual(new Set(['patient', 'clinician']));
      // Each got its own view: the patient's shows her place in line.
      const mine = await patient.next('visit');
      expect(mine.visit.waiting.place).toBe(1);
      expect(mine.visit.participants.some((p) => p.id === patientId && p.admitted)).toBe(false);
      await clinician.next('visit');
    } finally {
      for (const spy of spies) spy.mockRestore();
      patient.close();
      clinician.close();
    }
  });
  it('lets the patient in from one read of the visit, with the roster ready for the first offer', async () => {
    const { visits: service, presence } = ctx.app.services.visits;
    const reader = service.reader;
    // Reads of the visit under way (to start counting once the joins' rounds are over).
    let inFlight = 0;
    const snapshot = reader.snapshot.bind(reader);
    const admittedIn = presence.admittedIn.bind(presence);
    let admittedReads = 0;
    let rosterReads = 0;
    const spies = [
      vi.spyOn(reader, 'snapshot').mockImplementation(async (id) => {
        inFlight++;
        try {
          const read = await snapshot(id);
          if (read?.live.participants.some((p) => p.role === 'patient' && p.admitted)) admittedReads++;
          return read;
        } finally {
          inFlight--;
        }
      }),
      vi.spyOn(presence, 'admittedIn').mockImplementation(async (encounterId) => {
        rosterReads++;
        return admittedIn(encounterId);
      }),
    ];
    const v = await createVisit(ctx);
    const { patient, clinician, patientId, clinicianId } = await waitingRoom(v);
    try {
      await patient.next('visit', (m) => m.visit.waiting.clinicianConnected);
      await expect.poll(() => inFlight).toBe(0);
      rosterReads = 0;

      const admit = await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/admit`, {});
      expect(admit.statusCode).toBe(200);
      expect(admit.json<VisitView>().participants.find((p) => p.id === patientId)?.admitted).toBe(true);
      await patient.next('visit', (m) => m.visit.participants.some((p) => p.id === patientId && p.admitted));
      await clinician.next('visit', (m) => m.visit.participants.some((p) => p.id === patientId && p.admitted));
      // One read made both sockets' views and the clinician's answer (not one for each).
      expect(admittedReads).toBe(1);

      // The clinician's first offer goes through from memory: the roster came with that read.
      clinician.send({ type: 'signal', to: patientId, data: OFFER });
      expect(await patient.next('signal')).toEqual({ type: 'signal', from: clinicianId, data: OFFER });
      expect(rosterReads).toBe(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
      patient.close();
      clinician.close();
    }
  });

  it('reads a visit for its views in one statement: its row and its live state together', async () => {
    const v = await createVisit(ctx);
    const { patient, clinician, patientId, clinicianId } = await waitingRoom(v);
    try {
      await patient.next('visit', (m) => m.visit.waiting.clinicianConnected);
      let statements = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          statements++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const db = ctx.database.db.withPlugin(counter);
      const reader = new VisitReader(new VisitRepository(db), new LiveStateRepository(db));
      const read = await reader.snapshot(v.appointmentId);
      expect(statements).toBe(1);
      expect(read?.row.appointment_id).toBe(v.appointmentId);
      expect(read?.row).not.toHaveProperty('live');
      // What the five separate reads gave: the check-in, who is live (in joining order), the
      // clinician's waiting line, and whether the clinician is in another visit.
      expect(read?.live.checkIn?.contact_phone).toBeTruthy();
      expect(read?.live.checkIn?.checked_in_at).toBeInstanceOf(Date);
      expect(read?.live.participants.map((p) => [p.id, p.role, p.admitted])).toEqual([
        [patientId, 'patient', false],
        [clinicianId, 'clinician', true],
      ]);
      expect(read?.live.waitingLine.map((w) => w.encounter_id)).toContain(read?.row.encounter_id);
      expect(read?.live.clinicianInAnotherVisit).toBe(false);
    } finally {
      patient.close();
      clinician.close();
    }
  });
});

describe('refusals', () => {
  it('refuses sockets from other origins, without check-in, and for strangers', async () => {
    const v = await createVisit(ctx);
    await expect(TestSocket.open(host, v.appointmentId, v.patient)).rejects.toThrow('refused 409');
    await checkInAndStart(v);
    await expect(
      TestSocket.open(host, v.appointmentId, { ...v.patient, origin: 'https://evil.example' }),
    ).rejects.toThrow('refused 403');
    const other = await createVisit(ctx);
    await expect(TestSocket.open(host, v.appointmentId, other.patient)).rejects.toThrow('refused 404');
    await expect(TestSocket.open(host, v.appointmentId, { cookie: '' })).rejects.toThrow('refused 404');
  });

  it('answers garbage, oversized and flooding messages to the sender only; other visits carry on', async () => {
    const a = await createVisit(ctx);
    const b = await createVisit(ctx);
    const roomA = await waitingRoom(a);
    const roomB = await waitingRoom(b);
    await b.clinician.inject('POST', `/api/visits/${b.appointmentId}/admit`, {});
    await roomB.patient.next('visit', (m) => m.visit.participants.every((p) => p.admitted));
    roomB.patient.messages.length = 0;
    roomB.clinician.messages.length = 0;

    const bad: unknown[] = [
      'not json',
      '{"type":"signal"}',
      { type: 'signal', to: 'nope', data: OFFER },
      { type: 'signal', to: roomB.patientId, data: { kind: 'description', type: 'offer', sdp: 'x'.repeat(70_000) } },
      { type: 'media', audio: 'loud', video: true },
      { type: 'launch-missiles' },
      'x'.repeat(100_000),
    ];
    for (const m of bad) roomA.clinician.send(m);
    roomA.clinician.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    for (let i = 0; i < bad.length + 1; i++) expect((await roomA.clinician.next('error')).code).toBe('bad_message');
    // Another visit's participant, admitted there, is not reachable from here.
    roomA.clinician.send({ type: 'signal', to: roomB.patientId, data: OFFER });
    expect((await roomA.clinician.next('error')).code).toBe('unknown_participant');

    for (let i = 0; i < 400; i++) roomA.clinician.send({ type: 'ping' });
    expect((await roomA.clinician.next('error', undefined, 10_000)).code).toBe('rate_limited');

    await sleep(300);
    expect(roomA.patient.messages.filter((m) => m.type === 'error' || m.type === 'signal')).toEqual([]);
    expect(roomB.patient.messages.filter((m) => m.type === 'error' || m.type === 'signal')).toEqual([]);
    roomB.clinician.send({ type: 'signal', to: roomB.patientId, data: OFFER });
    expect((await roomB.patient.next('signal')).from).toBe(roomB.clinicianId);
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    for (const s of [roomA.patient, roomA.clinician, roomB.patient, roomB.clinician]) s.close();
  });
});
