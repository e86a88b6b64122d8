import { DateTime } from 'luxon';
import type { AddressInfo } from 'node:net';
import type { ServerMessage } from '@portico/contracts';
import WebSocket from 'ws';
import { createUser, signIn, type Agent, type TestContext } from './context.js';
import { createClinician } from './scheduling-fixtures.js';

export interface VisitSetup {
  appointmentId: string;
  patient: Agent;
  clinician: Agent;
  patientId: string;
  clinicianUserId: string;
  /** The clinician's queue for the clinic day the visit starts on (near midnight that is not today). */
  queuePath: string;
}

/**
 * A video visit starting in `startsInMinutes` (check-in opens 30 minutes before), with signed-in
 * patient and clinician. The appointment is inserted directly: booking has its own tests.
 */
export async function createVisit(
  ctx: TestContext,
  opts: { startsInMinutes?: number; orgId?: string; mode?: 'video' | 'phone' } = {},
): Promise<VisitSetup> {
  const orgId = opts.orgId ?? ctx.orgId;
  const clinician = await createClinician(ctx, { orgId });
  const clinicianUser = await createUser(ctx, 'clinician', { orgId });
  await ctx.database.db
    .updateTable('clinicians')
    .set({ user_id: clinicianUser.id })
    .where('id', '=', clinician.id)
    .execute();
  const patientUser = await createUser(ctx, 'patient', { orgId });
  const start = new Date(Date.now() + (opts.startsInMinutes ?? 10) * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const appt = await ctx.database.db
    .insertInto('appointments')
    .values({
      organization_id: orgId,
      clinician_id: clinician.id,
      patient_id: patientUser.patientId ?? '',
      visit_type_id: opts.mode === 'phone' ? clinician.phoneId : clinician.followUpId,
      mode: opts.mode ?? 'video',
      status: 'booked',
      start_at: start,
      end_at: end,
      busy_until: end,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { time_zone: zone } = await ctx.database.db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const clinicDay = DateTime.fromJSDate(start).setZone(zone).toISODate() ?? '';
  return {
    appointmentId: appt.id,
    queuePath: `/api/visits/queue?date=${clinicDay}`,
    patient: await signIn(ctx.app, patientUser.email),
    clinician: await signIn(ctx.app, clinicianUser.email),
    patientId: patientUser.patientId ?? '',
    clinicianUserId: clinicianUser.id,
  };
}

export const GOOD_CHECK_IN = {
  location: { country: 'US', region: 'MA' },
  medicationsConfirmed: true,
  questions: 'Should I keep taking the beta blocker?',
  contactPhone: '617-555-0123',
  insuranceConfirmed: true,
  consentVersion: '2026-11-01',
  consentAccepted: true,
};

export async function checkInAndStart(v: VisitSetup): Promise<void> {
  const c = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, GOOD_CHECK_IN);
  if (c.statusCode !== 200) throw new Error(`check-in failed ${c.statusCode}: ${c.body}`);
  const s = await v.patient.inject('POST', `/api/visits/${v.appointmentId}/start`);
  if (s.statusCode !== 200) throw new Error(`start failed ${s.statusCode}: ${s.body}`);
}

export async function listen(ctx: { app: TestContext['app'] }): Promise<string> {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address() as AddressInfo;
  return `127.0.0.1:${address.port}`;
}

/** A real WebSocket client that keeps every message, so tests can wait for one or check none came. */
export class TestSocket {
  readonly messages: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  /** Opens a socket; rejects with the HTTP status when the server refuses the upgrade. */
  static open(
    host: string,
    appointmentId: string,
    headers: { cookie: string; origin?: string },
    query = '',
  ): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${host}/api/visits/${appointmentId}/socket${query}`, {
        headers: { cookie: headers.cookie, origin: headers.origin ?? `http://${host}` },
      });
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next<T extends ServerMessage['type']>(
    type: T,
    where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const match = (m: ServerMessage): m is Extract<ServerMessage, { type: T }> =>
      m.type === type && where(m as Extract<ServerMessage, { type: T }>);
    const seen = this.messages.find(match);
    if (seen) {
      this.messages.splice(this.messages.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.messages.splice(this.messages.indexOf(m), 1);
          resolve(m as Extract<ServerMessage, { type: T }>);
        },
      });
    });
  }

  closed(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.ws.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
