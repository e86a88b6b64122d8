import type { ClinicianSchedule, SchedulingSettings } from '@portico/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditRows, failAudit } from './audit-tx-fixtures.js';
import { addRuleSet, giveCoverage, RULES } from './billing-fixtures.js';
import { createTestContext, createUser, signIn, uniq, type Agent, type TestContext } from './context.js';
import { createClinician, type TestClinician } from './scheduling-fixtures.js';
import { GOOD_CHECK_IN, createVisit } from './visit-fixtures.js';

/**
 * Decision 0027 for the directory and schedule admin pages and the visit charge job: each change
 * commits with its audit row or not at all.
 */
let ctx: TestContext;
let staff: Agent;
let admin: Agent;
let clinician: TestClinician;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
  clinician = await createClinician(ctx);
  await addRuleSet(ctx, ctx.orgId, 1, RULES);
});
afterAll(async () => ctx?.close());
afterEach(() => vi.restoreAllMocks());

const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBeLessThan(300);

describe('directory admin changes commit with their audit row', () => {
  it("search words: a crash after the audit row keeps the line's old words; then they are replaced", async () => {
    const code = uniq('line');
    await ctx.database.db
      .insertInto('service_lines')
      .values({ code, name: `Line ${code}` })
      .execute();
    const put = (words: string[]) => admin.inject('PUT', `/api/admin/directory/search-words/${code}`, { words });
    const words = async () =>
      (
        await ctx.database.db
          .selectFrom('directory_synonyms')
          .select('word')
          .where('service_line_code', '=', code)
          .orderBy('word')
          .execute()
      ).map((r) => r.word);
    ok(await put(['ticker']));

    failAudit(ctx, 'directory.search_words.update', 'after-insert');
    expect((await put(['pulse', 'valve'])).statusCode).toBe(500);
    expect(await words()).toEqual(['ticker']);
    vi.restoreAllMocks();
    ok(await put(['pulse', 'valve']));
    expect(await words()).toEqual(['pulse', 'valve']);
    expect(await auditRows(ctx, 'directory.search_words.update', { detail: ['serviceLine', code] })).toBe(2);
  });

  it('clinicians: no new or edited clinician without its audit row', async () => {
    const familyName = uniq('Audit');
    const body = {
      organizationId: ctx.orgId,
      givenName: 'Rae',
      familyName,
      credentials: 'MD',
      specialty: 'Cardiology',
      serviceLineCode: 'cardiac',
      languages: ['en'],
      licensedStates: ['MA'],
      visitModes: ['video'],
      acceptingNewPatients: true,
      selfScheduling: true,
      bio: 'Heart care.',
      clinicalAreaIds: [],
    };
    const stored = () =>
      ctx.database.db
        .selectFrom('clinicians')
        .select(['id', 'specialty'])
        .where('family_name', '=', familyName)
        .execute();

    failAudit(ctx, 'directory.clinician.create', 'after-insert');
    expect((await staff.inject('POST', '/api/directory/clinicians', body)).statusCode).toBe(500);
    expect(await stored()).toEqual([]);
    vi.restoreAllMocks();
    ok(await staff.inject('POST', '/api/directory/clinicians', body));
    const [created] = await stored();
    const id = created?.id ?? '';
    expect(await auditRows(ctx, 'directory.clinician.create', { entityId: id })).toBe(1);

    const edit = () => staff.inject('PUT', `/api/directory/clinicians/${id}`, { ...body, specialty: 'Heart failure' });
    failAudit(ctx, 'directory.clinician.update', 'instead');
    expect((await edit()).statusCode).toBe(500);
    expect((await stored())[0]?.specialty).toBe('Cardiology');
    vi.restoreAllMocks();
    ok(await edit());
    expect((await stored())[0]?.specialty).toBe('Heart failure');
    expect(await auditRows(ctx, 'directory.clinician.update', { entityId: id })).toBe(1);
  });

  it('clinical areas: no new or renamed area without its audit row', async () => {
    const name = uniq('Arrhythmia');
    const body = { organizationId: ctx.orgId, serviceLineCode: 'cardiac', name, keywords: 'rhythm' };
    const names = async () =>
      (
        await ctx.database.db
          .selectFrom('clinical_areas')
          .select(['id', 'name'])
          .where('organization_id', '=', ctx.orgId)
          .where('name', 'like', `${name}%`)
          .execute()
      ).map((a) => a.name);

    failAudit(ctx, 'directory.area.create', 'after-insert');
    expect((await staff.inject('POST', '/api/directory/clinical-areas', body)).statusCode).toBe(500);
    expect(await names()).toEqual([]);
    vi.restoreAllMocks();
    const created = await staff.inject('POST', '/api/directory/clinical-areas', body);
    ok(created);
    const id = created.json<{ id: string }>().id;
    expect(await auditRows(ctx, 'directory.area.create', { entityId: id })).toBe(1);

    const rename = () => staff.inject('PUT', `/api/directory/clinical-areas/${id}`, { ...body, name: `${name} care` });
    failAudit(ctx, 'directory.area.update', 'after-insert');
    expect((await rename()).statusCode).toBe(500);
    expect(await names()).toEqual([name]);
    vi.restoreAllMocks();
    ok(await rename());
    expect(await names()).toEqual([`${name} care`]);
    expect(await auditRows(ctx, 'directory.area.update', { entityId: id })).toBe(1);
  });
});

describe('schedule admin changes commit with their audit row', () => {
  const schedule = async () =>
    (await staff.inject('GET', `/api/clinicians/${clinician.id}/schedule`)).json<ClinicianSchedule>();
  const rows = (action: string) => auditRows(ctx, action, { entityId: clinician.id });

  it('weekly hours, exceptions and visit types: nothing changes without its audit row', async () => {
    const base = `/api/clinicians/${clinician.id}`;
    const weekly = () =>
      staff.inject('PUT', `${base}/schedule/weekly`, { windows: [{ weekday: 1, start: '09:00', end: '12:00' }] });
    failAudit(ctx, 'schedule.weekly.update', 'after-insert');
    expect((await weekly()).statusCode).toBe(500);
    expect((await schedule()).weekly).toHaveLength(7);
    vi.restoreAllMocks();
    ok(await weekly());
    expect((await schedule()).weekly).toEqual([{ weekday: 1, start: '09:00', end: '12:00' }]);
    expect(await rows('schedule.weekly.update')).toBe(1);

    // Within the year the schedule page lists.
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const dayOff = { date, kind: 'time_off', start: null, end: null, note: 'Course' };
    failAudit(ctx, 'schedule.exception.create', 'after-insert');
    expect((await staff.inject('POST', `${base}/schedule/exceptions`, dayOff)).statusCode).toBe(500);
    expect((await schedule()).exceptions).toEqual([]);
    vi.restoreAllMocks();
    ok(await staff.inject('POST', `${base}/schedule/exceptions`, dayOff));
    expect((await schedule()).exceptions.map((e) => e.date)).toEqual([date]);
    const exceptionId = (await schedule()).exceptions[0]?.id ?? '';
    expect(await rows('schedule.exception.create')).toBe(1);

    const remove = () => staff.inject('DELETE', `${base}/schedule/exceptions/${exceptionId}`);
    failAudit(ctx, 'schedule.exception.remove', 'instead');
    expect((await remove()).statusCode).toBe(500);
    expect((await schedule()).exceptions).toHaveLength(1);
    vi.restoreAllMocks();
    ok(await remove());
    expect((await schedule()).exceptions).toEqual([]);
    expect(await rows('schedule.exception.remove')).toBe(1);

    const longVisit = {
      name: 'Long video visit',
      mode: 'video',
      durationMinutes: 45,
      bufferMinutes: 0,
      newPatient: false,
    };
    const typeNames = async () => (await schedule()).visitTypes.map((t) => t.name);
    failAudit(ctx, 'schedule.visit_type.save', 'after-insert');
    expect((await staff.inject('POST', `${base}/visit-types`, longVisit)).statusCode).toBe(500);
    expect(await typeNames()).not.toContain('Long video visit');
    vi.restoreAllMocks();
    ok(await staff.inject('POST', `${base}/visit-types`, longVisit));
    expect(await typeNames()).toContain('Long video visit');
    expect(await rows('schedule.visit_type.save')).toBe(1);
  });

  it('holidays and scheduling settings: nothing changes without its audit row', async () => {
    const holiday = { organizationId: ctx.orgId, date: '2031-07-05', name: 'Harbor Day' };
    const holidays = () =>
      ctx.database.db.selectFrom('holidays').select('name').where('organization_id', '=', ctx.orgId).execute();
    const orgRows = (action: string) => auditRows(ctx, action, { entityId: ctx.orgId });
    failAudit(ctx, 'schedule.holiday.save', 'after-insert');
    expect((await admin.inject('POST', '/api/holidays', holiday)).statusCode).toBe(500);
    expect(await holidays()).toEqual([]);
    vi.restoreAllMocks();
    ok(await admin.inject('POST', '/api/holidays', holiday));
    expect(await holidays()).toEqual([{ name: 'Harbor Day' }]);
    expect(await orgRows('schedule.holiday.save')).toBe(1);

    const url = `/api/organizations/${ctx.orgId}/scheduling-settings`;
    const before = (await admin.inject('GET', url)).json<SchedulingSettings>();
    const changed = { ...before, minNoticeMinutes: before.minNoticeMinutes + 15 };
    failAudit(ctx, 'organization.scheduling_settings.update', 'instead');
    expect((await admin.inject('PUT', url, changed)).statusCode).toBe(500);
    expect((await admin.inject('GET', url)).json()).toEqual(before);
    vi.restoreAllMocks();
    ok(await admin.inject('PUT', url, changed));
    expect((await admin.inject('GET', url)).json()).toEqual(changed);
    expect(await orgRows('organization.scheduling_settings.update')).toBe(1);
  });
});

describe('the visit charge job', () => {
  it('a crash after its audit row writes no charge; the retried job charges once, audited as the system', async () => {
    const v = await createVisit(ctx, { startsInMinutes: -5 });
    await giveCoverage(ctx, v.patientId, { cost: 'copay', copayCents: 2500 });
    ok(await v.patient.inject('POST', `/api/visits/${v.appointmentId}/check-in`, GOOD_CHECK_IN));
    await ctx.database.db
      .updateTable('encounters')
      .set({ status: 'in-progress', admitted_at: new Date(), video_connected_at: new Date() })
      .where('appointment_id', '=', v.appointmentId)
      .execute();
    ok(await v.clinician.inject('POST', `/api/visits/${v.appointmentId}/end`, {}));
    const { id: encounterId } = await ctx.database.db
      .selectFrom('encounters')
      .select('id')
      .where('appointment_id', '=', v.appointmentId)
      .executeTakeFirstOrThrow();
    const charges = async () =>
      (
        await ctx.database.db
          .selectFrom('ledger_entries')
          .select(['id', 'amount_cents'])
          .where('encounter_id', '=', encounterId)
          .execute()
      ).map((c) => ({ id: c.id, cents: Number(c.amount_cents) }));
    const statements = () =>
      ctx.database.db.selectFrom('statements').select('id').where('patient_id', '=', v.patientId).execute();

    // The job's handler, as the runner calls it (a throw makes the runner retry it later).
    failAudit(ctx, 'billing.charge', 'after-insert');
    await expect(ctx.services.billing.chargeVisit(encounterId)).rejects.toThrow(/injected/);
    expect(await charges()).toEqual([]);
    expect(await statements()).toEqual([]);
    expect(await auditRows(ctx, 'billing.charge', { patientId: v.patientId })).toBe(0);
    vi.restoreAllMocks();

    const chargeId = await ctx.services.billing.chargeVisit(encounterId);
    expect(await charges()).toEqual([{ id: chargeId, cents: 2500 }]);
    expect(await statements()).toHaveLength(1);
    // Run again (a retried job): nothing more is written or audited.
    expect(await ctx.services.billing.chargeVisit(encounterId)).toBeNull();
    const audited = await ctx.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'actor_role', 'organization_id', 'entity_id', 'request_id'])
      .where('action', '=', 'billing.charge')
      .where('patient_id', '=', v.patientId)
      .execute();
    expect(audited).toEqual([
      {
        actor_user_id: null,
        actor_role: null,
        organization_id: ctx.orgId,
        entity_id: chargeId,
        request_id: `charge:${encounterId}`,
      },
    ]);
  });
});
