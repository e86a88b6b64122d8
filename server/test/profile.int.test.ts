import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, RecordAccessList } from '@portico/contracts';
import { createOrganization, createUser, createTestContext, signIn, type Agent, type TestContext } from './context.js';
import { auditCount, shareWith, signedInPatient } from './profile-fixtures.js';

let ctx: TestContext;
let clinician: Agent;
let staff: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  clinician = await signIn(ctx.app, (await createUser(ctx, 'clinician')).email);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx.close());

const address = { line1: '27 Beacon Lane', line2: 'Apt 3', city: 'Boston', region: 'MA', postalCode: '02114' };

async function profileRow(patientId: string) {
  return ctx.database.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
}

describe('profile', () => {
  it('lets the patient change contact details, language and visit phone, stored in one shape and audited', async () => {
    const p = await signedInPatient(ctx);
    const before = await p.agent.inject('GET', '/api/profile');
    expect(before.statusCode).toBe(200);
    expect(before.json<Profile>()).toMatchObject({ patientId: p.id, visitPhone: null, address: { country: 'US' } });

    const res = await p.agent.inject('PATCH', '/api/profile', {
      preferredName: '  Ellie ',
      pronouns: 'she/her',
      sex: 'female',
      visitPhone: '(617) 555-0134',
      mobilePhone: '+1 617 555 0135',
      homePhone: '+44 20 7946 0958',
      preferredLanguage: 'es',
      address,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Profile>()).toMatchObject({
      preferredName: 'Ellie',
      sex: 'female',
      visitPhone: '617-555-0134',
      mobilePhone: '617-555-0135',
      homePhone: '+44 20 7946 0958',
      preferredLanguage: 'es',
      address: { ...address, country: 'US' },
    });
    // Left-out fields stay; null clears one.
    const cleared = await p.agent.inject('PATCH', '/api/profile', { pronouns: null });
    expect(cleared.json<Profile>()).toMatchObject({
      pronouns: null,
      preferredName: 'Ellie',
      visitPhone: '617-555-0134',
    });

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'detail'])
      .where('patient_id', '=', p.id)
      .where('action', '=', 'profile.update')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]?.detail['fields']).toContain('visit_phone');
    // The audit detail names fields, never their values.
    expect(JSON.stringify(audit)).not.toContain('0134');
  });

  it('refuses bad input with a message per field and stores nothing', async () => {
    const p = await signedInPatient(ctx);
    await p.agent.inject('PATCH', '/api/profile', { visitPhone: '617-555-0100', address });
    const before = await profileRow(p.id);
    const res = await p.agent.inject('PATCH', '/api/profile', {
      visitPhone: '555-01',
      mobilePhone: 'call me',
      preferredLanguage: 'Klingon',
      address: { line1: '1 Main St', city: '', region: 'ZZ', postalCode: '1234' },
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.field).sort()).toEqual([
      'address.city',
      'address.postalCode',
      'address.region',
      'mobilePhone',
      'preferredLanguage',
      'visitPhone',
    ]);
    expect(problem.errors.find((e) => e.field === 'address.postalCode')?.message).toMatch(/ZIP code/);
    expect(await profileRow(p.id)).toEqual(before);

    // A Canadian address follows Canadian postal codes.
    const abroad = await p.agent.inject('PATCH', '/api/profile', {
      address: { line1: '1 Rue Sparks', city: 'Ottawa', region: 'ON', postalCode: '12345', country: 'CA' },
    });
    expect(abroad.statusCode).toBe(422);
    expect(abroad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['address.postalCode']);
    const ok = await p.agent.inject('PATCH', '/api/profile', {
      address: { line1: '1 Rue Sparks', city: 'Ottawa', region: 'ON', postalCode: 'k1a 0b1', country: 'ca' },
    });
    expect(ok.json<Profile>().address).toMatchObject({ postalCode: 'K1A 0B1', country: 'CA', region: 'ON' });
  });

  it('keeps the legal name and birth date for registration: the patient is told whom to call, staff change them', async () => {
    const p = await signedInPatient(ctx);
    const before = await profileRow(p.id);
    const res = await p.agent.inject('PATCH', '/api/profile', { givenName: 'Eleanora', visitPhone: '617-555-0199' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'legal_details_locked',
      detail: expect.stringMatching(/Call 617-555-0100/),
      errors: [{ field: 'givenName' }],
    });
    expect(await profileRow(p.id)).toEqual(before);

    const byStaff = await staff.inject('PATCH', `/api/patients/${p.id}/profile`, {
      givenName: 'Eleanora',
      birthDate: '1951-03-14',
    });
    expect(byStaff.statusCode, byStaff.body).toBe(200);
    expect(byStaff.json<Profile>()).toMatchObject({ givenName: 'Eleanora', birthDate: '1951-03-14' });
    const future = await staff.inject('PATCH', `/api/patients/${p.id}/profile`, { birthDate: '2999-01-01' });
    expect(future.statusCode).toBe(422);
    expect((await clinician.inject('PATCH', `/api/patients/${p.id}/profile`, { pronouns: 'he' })).statusCode).toBe(403);
    expect((await clinician.inject('GET', `/api/patients/${p.id}/profile`)).json<Profile>().givenName).toBe('Eleanora');
  });

  it("never shows another patient's profile: 404 for patients and other organizations, 403 for a proxy without the profile area, gone when revoked", async () => {
    const owner = await signedInPatient(ctx);
    const stranger = await signedInPatient(ctx);
    const peek = await stranger.agent.inject('GET', `/api/patients/${owner.id}/profile`);
    expect(peek.statusCode).toBe(404);
    expect((await stranger.agent.inject('GET', `/api/patients/${stranger.id}/profile`)).statusCode).toBe(200);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('actor_user_id', '=', stranger.user.id)
      .where('action', '=', 'profile.read')
      .where('entity_id', '=', owner.id)
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe('denied');
    const elsewhere = await createOrganization(ctx.database);
    const outsider = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: elsewhere })).email);
    expect((await outsider.inject('GET', `/api/patients/${owner.id}/profile`)).statusCode).toBe(404);
    expect((await outsider.inject('PATCH', `/api/patients/${owner.id}/profile`, { pronouns: 'x' })).statusCode).toBe(
      404,
    );

    const limited = await signedInPatient(ctx);
    await shareWith(owner, limited, ['appointments']);
    for (const url of ['/api/profile', '/api/me/record-access', '/api/profile/coverages']) {
      const refused = await limited.agent.inject('GET', url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
    }
    expect((await limited.agent.inject('PATCH', '/api/profile', { pronouns: 'x' })).statusCode).toBe(403);

    const helper = await signedInPatient(ctx);
    const grant = await shareWith(owner, helper, ['profile']);
    const seen = await helper.agent.inject('GET', '/api/profile');
    expect(seen.json<Profile>().patientId).toBe(owner.id);
    const changed = await helper.agent.inject('PATCH', '/api/profile', { visitPhone: '617-555-0142' });
    expect(changed.json<Profile>().visitPhone).toBe('617-555-0142');

    expect((await owner.agent.inject('DELETE', `/api/proxies/${grant.id}`)).statusCode).toBe(204);
    const after = await helper.agent.inject('GET', '/api/profile');
    expect(after.json<Profile>().patientId).toBe(helper.id);
    expect((await helper.agent.inject('GET', `/api/patients/${owner.id}/profile`)).statusCode).toBe(404);
    expect((await profileRow(owner.id)).visit_phone).toBe('617-555-0142');
  });
});

describe('who has looked at my record', () => {
  it('lists the care team and proxies by name and role, newest first, in pages, without auditing itself', async () => {
    const p = await signedInPatient(ctx);
    await p.agent.inject('GET', '/api/profile');
    expect((await clinician.inject('GET', `/api/patients/${p.id}`)).statusCode).toBe(200);
    expect((await clinician.inject('GET', `/api/patients/${p.id}/profile`)).statusCode).toBe(200);
    const helper = await signedInPatient(ctx);
    await shareWith(p, helper, ['profile']);
    await helper.agent.inject('GET', '/api/profile');

    const before = await auditCount(ctx, p.id);
    const res = await p.agent.inject('GET', '/api/me/record-access');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<RecordAccessList>();
    expect(list.viewer).toBe('patient');
    expect(list.entries.map((e) => [e.actorKind, e.action])).toEqual([
      ['proxy', 'profile.read'],
      ['proxy', 'proxy.open_record'],
      ['care_team', 'profile.read'],
      ['care_team', 'patient.read'],
    ]);
    expect(list.entries[2]).toMatchObject({ actorName: 'Test clinician', actorRole: 'clinician', outcome: 'allowed' });
    expect(list.entries[0]).toMatchObject({ actorName: 'Test patient', actorRole: 'proxy', isYou: false });
    expect(Date.parse(list.entries[0]?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(list.entries[3]?.at ?? ''));
    // Reading the list adds nothing to it.
    expect(await auditCount(ctx, p.id)).toBe(before);

    const mine = (await p.agent.inject('GET', '/api/me/record-access?includeMine=true')).json<RecordAccessList>();
    expect(mine.entries.some((e) => e.actorKind === 'patient' && e.isYou && e.action === 'profile.read')).toBe(true);

    const first = (await p.agent.inject('GET', '/api/me/record-access?limit=3')).json<RecordAccessList>();
    expect(first.entries).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await p.agent.inject('GET', `/api/me/record-access?limit=3&before=${first.nextCursor ?? ''}`)
    ).json<RecordAccessList>();
    expect(second.entries.map((e) => e.action)).toEqual(['patient.read']);
    expect(second.nextCursor).toBeNull();

    // The proxy sees the same list, themself marked as "you".
    const theirs = (await helper.agent.inject('GET', '/api/me/record-access')).json<RecordAccessList>();
    expect(theirs.viewer).toBe('proxy');
    expect(theirs.entries[0]).toMatchObject({ actorKind: 'proxy', isYou: true });
    expect((await clinician.inject('GET', '/api/me/record-access')).statusCode).toBe(403);
  });
});
