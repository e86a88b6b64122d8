import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coverage, CoverageList, InsurancePlan, InsurancePlanList } from '@portico/contracts';
import { createOrganization, createUser, createTestContext, signIn, type Agent, type TestContext } from './context.js';
import { addPlan, CARD_PNG, PDF, shareWith, signedInPatient, uploadCard } from './profile-fixtures.js';

let ctx: TestContext;
let clinician: Agent;
let staff: Agent;
let ppo: InsurancePlan;
let hmo: InsurancePlan;
beforeAll(async () => {
  ctx = await createTestContext();
  clinician = await signIn(ctx.app, (await createUser(ctx, 'clinician')).email);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  ppo = await addPlan(staff);
  hmo = await addPlan(staff, { planName: 'Select HMO', virtualVisitCopayCents: 4000, requiresPcpReferral: true });
});
afterAll(async () => ctx.close());

const primary = (planId: string) => ({ planId, priority: 1, memberId: 'ACH-4471-2093', groupNumber: 'HGH-10024' });

async function coverageRows(patientId: string) {
  return ctx.database.db
    .selectFrom('coverages')
    .select(['id', 'priority', 'status', 'cancelled_at'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at')
    .execute();
}

describe('insurance plans', () => {
  it('is a catalog staff add to and patients pick from; a co-pay plan needs its amount; duplicates are refused', async () => {
    const p = await signedInPatient(ctx);
    const list = (
      await p.agent.inject('GET', `/api/insurance-plans?payer=${encodeURIComponent(ppo.payerName)}`)
    ).json<InsurancePlanList>();
    expect(list.plans).toEqual([ppo]);
    expect(ppo).toMatchObject({ payerCategory: 'commercial', virtualVisitCost: 'copay', virtualVisitCopayCents: 2500 });
    expect((await p.agent.inject('POST', '/api/insurance-plans', { ...ppo, id: undefined })).statusCode).toBe(400);
    const patientAdds = await p.agent.inject('POST', '/api/insurance-plans', {
      payerName: 'Made Up Insurance',
      planName: 'Gold',
      payerCategory: 'commercial',
      virtualVisitCost: 'deductible',
    });
    expect(patientAdds.statusCode).toBe(403);

    const noAmount = await staff.inject('POST', '/api/insurance-plans', {
      payerName: 'Granite Shield',
      planName: 'Copay Plan',
      payerCategory: 'commercial',
      virtualVisitCost: 'copay',
    });
    expect(noAmount.statusCode).toBe(422);
    expect(noAmount.json()).toMatchObject({ errors: [{ field: 'virtualVisitCopayCents' }] });
    const again = await staff.inject('POST', '/api/insurance-plans', {
      payerName: ppo.payerName,
      planName: ppo.planName,
      payerCategory: 'commercial',
      virtualVisitCost: 'deductible',
    });
    expect(again.statusCode).toBe(409);

    // A withdrawn plan is no longer offered to patients; staff still see it.
    const old = await addPlan(staff, { virtualVisitCost: 'deductible', virtualVisitCopayCents: 999 });
    expect(old.virtualVisitCopayCents).toBeNull();
    expect((await staff.inject('PATCH', `/api/insurance-plans/${old.id}`, { active: false })).statusCode).toBe(200);
    const offered = (
      await p.agent.inject('GET', `/api/insurance-plans?q=${encodeURIComponent(old.payerName)}`)
    ).json<InsurancePlanList>();
    expect(offered.plans).toEqual([]);
    const all = await staff.inject(
      'GET',
      `/api/insurance-plans?includeInactive=true&q=${encodeURIComponent(old.payerName)}`,
    );
    expect(all.json<InsurancePlanList>().plans.map((x) => x.active)).toEqual([false]);
    const onWithdrawn = await p.agent.inject('POST', '/api/profile/coverages', primary(old.id));
    expect(onWithdrawn.statusCode).toBe(422);
    expect(onWithdrawn.json()).toMatchObject({ errors: [{ field: 'planId' }] });
  });

  it('enforces the billing-facing rules in the database itself', async () => {
    const db = ctx.database.db;
    await expect(
      db
        .insertInto('insurance_plans')
        .values({
          organization_id: ctx.orgId,
          payer_name: 'Raw',
          plan_name: 'Raw',
          payer_category: 'commercial',
          virtual_visit_cost: 'copay',
          virtual_visit_copay_cents: null,
        })
        .execute(),
    ).rejects.toThrow(/insurance_plans_copay_amount/);
    const p = await signedInPatient(ctx);
    await db
      .insertInto('coverages')
      .values({ patient_id: p.id, plan_id: ppo.id, priority: 1, member_id: 'A1' })
      .execute();
    await expect(
      db.insertInto('coverages').values({ patient_id: p.id, plan_id: hmo.id, priority: 1, member_id: 'B2' }).execute(),
    ).rejects.toThrow(/coverages_one_active_priority/);
  });
});

describe('coverages', () => {
  it('adds primary and secondary, refuses a second primary, swaps them in one step, and cancels (never deletes) one', async () => {
    const p = await signedInPatient(ctx);
    const added = await p.agent.inject('POST', '/api/profile/coverages', primary(ppo.id));
    expect(added.statusCode, added.body).toBe(201);
    const first = added.json<Coverage>();
    expect(first).toMatchObject({ priority: 1, memberId: 'ACH-4471-2093', relationship: 'self', plan: { id: ppo.id } });

    const twice = await p.agent.inject('POST', '/api/profile/coverages', { ...primary(hmo.id), memberId: 'PMI-1' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ code: 'coverage_priority_taken', errors: [{ field: 'priority' }] });
    expect(await coverageRows(p.id)).toHaveLength(1);

    const second = (
      await p.agent.inject('POST', '/api/profile/coverages', {
        planId: hmo.id,
        priority: 2,
        memberId: 'PMI-778',
        relationship: 'spouse',
        subscriberName: 'Walter Whitfield',
      })
    ).json<Coverage>();
    expect(second.priority).toBe(2);

    const swapped = await p.agent.inject('POST', '/api/profile/coverages/swap');
    expect(swapped.statusCode, swapped.body).toBe(200);
    expect(swapped.json<CoverageList>().coverages.map((c) => [c.id, c.priority])).toEqual([
      [second.id, 1],
      [first.id, 2],
    ]);

    const changed = await p.agent.inject('PATCH', `/api/coverages/${first.id}`, {
      memberId: 'ACH-9999',
      groupNumber: null,
    });
    expect(changed.json<Coverage>()).toMatchObject({ memberId: 'ACH-9999', groupNumber: null, priority: 2 });

    // Removing the primary leaves the other as primary; the removed row stays, cancelled.
    const removed = await p.agent.inject('DELETE', `/api/coverages/${second.id}`);
    expect(removed.json<Coverage>().status).toBe('cancelled');
    const list = (await p.agent.inject('GET', '/api/profile/coverages')).json<CoverageList>();
    expect(list.coverages.map((c) => [c.id, c.priority])).toEqual([[first.id, 1]]);
    const rows = await coverageRows(p.id);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'cancelled']);
    expect(rows.find((r) => r.id === second.id)?.cancelled_at).not.toBeNull();
    expect((await p.agent.inject('PATCH', `/api/coverages/${second.id}`, { memberId: 'X1' })).statusCode).toBe(409);
    expect((await p.agent.inject('POST', '/api/profile/coverages/swap')).statusCode).toBe(409);

    const actions = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', p.id)
      .where('action', 'like', 'coverage.%')
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['coverage.create', 'coverage.swap', 'coverage.update', 'coverage.cancel', 'coverage.list']),
    );
  });

  it('refuses bad coverage details with field messages and stores nothing', async () => {
    const p = await signedInPatient(ctx);
    const res = await p.agent.inject('POST', '/api/profile/coverages', {
      planId: ppo.id,
      priority: 1,
      memberId: '  ',
      groupNumber: '#!?',
      relationship: 'child',
      pcpReferralOnFile: true,
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['groupNumber', 'memberId', 'pcpReferralOnFile', 'subscriberName']);
    expect(await coverageRows(p.id)).toHaveLength(0);
  });

  it('lets only one of two simultaneous primaries through', async () => {
    const p = await signedInPatient(ctx);
    const results = await Promise.all([
      p.agent.inject('POST', '/api/profile/coverages', primary(ppo.id)),
      p.agent.inject('POST', '/api/profile/coverages', { ...primary(hmo.id), memberId: 'PMI-2' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(await coverageRows(p.id)).toHaveLength(1);
  });

  it('lets staff record a PCP referral and clinicians read, not change', async () => {
    const p = await signedInPatient(ctx);
    const byStaff = await staff.inject('POST', `/api/patients/${p.id}/coverages`, {
      ...primary(hmo.id),
      pcpReferralOnFile: true,
    });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    const coverage = byStaff.json<Coverage>();
    expect(coverage).toMatchObject({ pcpReferralOnFile: true, plan: { requiresPcpReferral: true } });
    const read = await clinician.inject('GET', `/api/patients/${p.id}/coverages`);
    expect(read.json<CoverageList>().coverages.map((c) => c.id)).toEqual([coverage.id]);
    expect((await clinician.inject('PATCH', `/api/coverages/${coverage.id}`, { memberId: 'X2' })).statusCode).toBe(403);
    expect(
      (await p.agent.inject('PATCH', `/api/coverages/${coverage.id}`, { pcpReferralOnFile: false })).statusCode,
    ).toBe(422);
  });
});

describe('insurance card photos', () => {
  it('stores a photo checked by its content and serves it back only to those with access to the patient', async () => {
    const owner = await signedInPatient(ctx);
    const coverage = (await owner.agent.inject('POST', '/api/profile/coverages', primary(ppo.id))).json<Coverage>();

    const up = await uploadCard(ctx, owner.agent, coverage.id, 'front', {
      name: 'card.jpg',
      type: 'image/jpeg',
      data: CARD_PNG,
    });
    expect(up.statusCode, up.body).toBe(200);
    const front = up.json<Coverage>().cards.front;
    expect(front).toMatchObject({ contentType: 'image/png', byteSize: CARD_PNG.length });
    const got = await owner.agent.inject('GET', front?.url ?? '');
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toContain('no-store');
    expect(Buffer.compare(got.rawPayload, CARD_PNG)).toBe(0);
    expect((await clinician.inject('GET', front?.url ?? '')).statusCode).toBe(200);

    // Not an image by its bytes, whatever its name says; too large; missing.
    const pdf = await uploadCard(ctx, owner.agent, coverage.id, 'back', {
      name: 'card.png',
      type: 'image/png',
      data: PDF,
    });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json()).toMatchObject({ code: 'attachment_type_not_allowed', errors: [{ field: 'file' }] });
    const text = await uploadCard(ctx, owner.agent, coverage.id, 'back', {
      name: 'a.png',
      type: 'image/png',
      data: Buffer.from('hello'),
    });
    expect(text.statusCode).toBe(415);
    const big = Buffer.concat([CARD_PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await uploadCard(ctx, owner.agent, coverage.id, 'back', {
      name: 'big.png',
      type: 'image/png',
      data: big,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'attachment_too_large', errors: [{ field: 'file' }] });
    const json = await owner.agent.inject('POST', `/api/coverages/${coverage.id}/cards/back`, { file: 'x' });
    expect(json.statusCode).toBe(422);
    const stored = await ctx.database.db
      .selectFrom('coverage_card_images')
      .select('side')
      .where('coverage_id', '=', coverage.id)
      .execute();
    expect(stored.map((s) => s.side)).toEqual(['front']);

    // Someone else's coverage is not there at all; another organization's staff neither.
    const stranger = await signedInPatient(ctx);
    expect((await stranger.agent.inject('GET', front?.url ?? '')).statusCode).toBe(404);
    const theirs = await uploadCard(ctx, stranger.agent, coverage.id, 'back', {
      name: 'c.png',
      type: 'image/png',
      data: CARD_PNG,
    });
    expect(theirs.statusCode).toBe(404);
    expect((await stranger.agent.inject('PATCH', `/api/coverages/${coverage.id}`, { memberId: 'X3' })).statusCode).toBe(
      404,
    );
    expect((await stranger.agent.inject('DELETE', `/api/coverages/${coverage.id}`)).statusCode).toBe(404);
    expect((await stranger.agent.inject('GET', `/api/patients/${owner.id}/coverages`)).statusCode).toBe(404);
    const elsewhere = await createOrganization(ctx.database);
    const outsider = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: elsewhere })).email);
    expect((await outsider.inject('GET', front?.url ?? '')).statusCode).toBe(404);

    // A proxy without the profile area is told so; one with it can add the back; revoked, it is gone.
    const limited = await signedInPatient(ctx);
    await shareWith(owner, limited, ['results']);
    const refused = await limited.agent.inject('GET', front?.url ?? '');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
    const helper = await signedInPatient(ctx);
    const grant = await shareWith(owner, helper, 'full');
    const back = await uploadCard(ctx, helper.agent, coverage.id, 'back', {
      name: 'b.png',
      type: 'image/png',
      data: CARD_PNG,
    });
    expect(back.json<Coverage>().cards.back).not.toBeNull();
    await owner.agent.inject('DELETE', `/api/proxies/${grant.id}`);
    expect((await helper.agent.inject('GET', front?.url ?? '')).statusCode).toBe(404);
    expect((await helper.agent.inject('GET', '/api/profile/coverages')).json<CoverageList>().coverages).toEqual([]);

    const deleted = await owner.agent.inject('DELETE', `/api/coverages/${coverage.id}/cards/back`);
    expect(deleted.json<Coverage>().cards.back).toBeNull();
  });
});
