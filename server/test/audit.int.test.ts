import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMrn, type AuditEvent } from '@portico/contracts';
import { createTestContext, createUser, signIn, uniq, type TestContext } from './context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('audit log', () => {
  it('is append-only in the database itself: updates and deletes fail', async () => {
    const user = await createUser(ctx, 'patient');
    await signIn(ctx.app, user.email);
    const row = await ctx.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('actor_user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    await expect(
      ctx.database.db.updateTable('audit_events').set({ outcome: 'denied' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.database.db.deleteFrom('audit_events').where('id', '=', row.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_events`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    expect(
      await ctx.database.db.selectFrom('audit_events').select('outcome').where('id', '=', row.id).executeTakeFirst(),
    ).toEqual({ outcome: 'allowed' });
  });

  it('admins search by patient, by user and by time range, newest first, with paging', async () => {
    const admin = await createUser(ctx, 'admin');
    const patient = await createUser(ctx, 'patient');
    const pAgent = await signIn(ctx.app, patient.email);
    const start = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 3; i++) await pAgent.inject('GET', `/api/patients/${patient.patientId}`);
    const agent = await signIn(ctx.app, admin.email);

    const byPatient = (await agent.inject('GET', `/api/admin/audit?patientId=${patient.patientId}&limit=2`)).json();
    expect(byPatient.events).toHaveLength(2);
    expect(byPatient.events[0]).toMatchObject({
      action: 'patient.read',
      actorUserId: patient.id,
      patientId: patient.patientId,
      outcome: 'allowed',
    });
    expect(Number(byPatient.events[0].id)).toBeGreaterThan(Number(byPatient.events[1].id));
    const next = (
      await agent.inject(
        'GET',
        `/api/admin/audit?patientId=${patient.patientId}&limit=2&before=${byPatient.nextCursor}`,
      )
    ).json();
    expect(next.events.length).toBeGreaterThanOrEqual(1);
    expect(next.events.map((e: { id: string }) => e.id)).not.toContain(byPatient.events[1].id);

    const byUser = (
      await agent.inject('GET', `/api/admin/audit?userId=${patient.id}&from=${encodeURIComponent(start)}`)
    ).json();
    expect(byUser.events.map((e: { action: string }) => e.action)).toEqual([
      'patient.read',
      'patient.read',
      'patient.read',
      'auth.login',
    ]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await agent.inject('GET', `/api/admin/audit?userId=${patient.id}&from=${encodeURIComponent(future)}`)).json()
        .events,
    ).toEqual([]);
  });

  it('records the sign-in source address and request id', async () => {
    const user = await createUser(ctx, 'patient');
    await signIn(ctx.app, user.email);
    await signIn(ctx.app, user.email);
    const rows = await ctx.database.db
      .selectFrom('audit_events')
      .select(['ip', 'request_id'])
      .where('actor_user_id', '=', user.id)
      .where('action', '=', 'auth.login')
      .execute();
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1', '127.0.0.1']);
    // This process's random prefix and the request's number in it (plugins/request-log.ts): one id per request.
    for (const row of rows) expect(row.request_id).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(2);
  });

  it('only admins can read it', async () => {
    for (const role of ['patient', 'clinician', 'staff'] as const) {
      const agent = await signIn(ctx.app, (await createUser(ctx, role)).email);
      expect((await agent.inject('GET', '/api/admin/audit')).statusCode).toBe(403);
    }
  });

  it('admins find a patient by name or MRN, and read names and MRNs instead of ids (issue 17)', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const patient = await createUser(ctx, 'patient');
    const family = `Quill${uniq('x').replace('-', '')}`;
    await ctx.database.db
      .updateTable('patients')
      .set({ given_name: 'Orla', family_name: family })
      .where('id', '=', patient.patientId ?? '')
      .execute();
    const { mrn } = await ctx.database.db
      .selectFrom('patients')
      .select('mrn')
      .where('id', '=', patient.patientId ?? '')
      .executeTakeFirstOrThrow();
    const pAgent = await signIn(ctx.app, patient.email);
    await pAgent.inject('GET', `/api/patients/${patient.patientId}`);

    const search = async (text: string) => {
      const res = await admin.inject('GET', `/api/admin/audit?${new URLSearchParams({ patient: text })}`);
      expect(res.statusCode, text).toBe(200);
      return res.json<{ events: AuditEvent[] }>().events;
    };
    for (const text of [family, `orla ${family.slice(0, 8)}`, formatMrn(mrn), `MRN ${mrn}`]) {
      const events = await search(text);
      expect(events.length, text).toBeGreaterThan(0);
      expect(new Set(events.map((e) => e.patientId)), text).toEqual(new Set([patient.patientId]));
      expect(events[0]).toMatchObject({
        action: 'patient.read',
        patientName: `Orla ${family}`,
        patientMrn: mrn,
        actorName: 'Test patient',
        actorEmail: patient.email,
      });
    }
    expect(await search('Nobody-by-this-name')).toEqual([]);
    // A mistyped MRN is said so, on the field, rather than finding nothing.
    const wrong = `${mrn.slice(0, 8)}${(Number(mrn[8]) + 1) % 10}`;
    const bad = await admin.inject('GET', `/api/admin/audit?patient=${wrong}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'patient' }] });
  });
});
