import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  createOrganization,
  createTestContext,
  createUser,
  signIn,
  uniq,
  type Agent,
  type TestContext,
} from './context.js';
import { refreshDirectorySearch } from '../src/modules/directory/index.js';

let ctx: TestContext;
let staff: Agent;
let orgId: string;
let areaId: string;
const tag = uniq('zz').replace('-', ''); // a word only this file's clinicians carry

beforeAll(async () => {
  ctx = await createTestContext();
  orgId = ctx.orgId;
  await ctx.database.db
    .insertInto('service_lines')
    .values([
      { code: 'cardiac', name: 'Cardiac' },
      { code: 'dermatology', name: 'Dermatology' },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  const area = await staff.inject('POST', '/api/directory/clinical-areas', {
    organizationId: orgId,
    serviceLineCode: 'cardiac',
    name: `Arrhythmia ${tag}`,
    keywords: 'afib palpitations irregular heartbeat',
  });
  expect(area.statusCode).toBe(201);
  areaId = area.json().id;
  const make = (body: Record<string, unknown>) =>
    staff.inject('POST', '/api/directory/clinicians', {
      organizationId: orgId,
      credentials: 'MD',
      languages: ['en'],
      licensedStates: ['MA'],
      visitModes: ['video', 'phone'],
      acceptingNewPatients: true,
      selfScheduling: true,
      bio: `Clinician ${tag}`,
      clinicalAreaIds: [],
      ...body,
    });
  for (const body of [
    {
      givenName: 'Lucia',
      familyName: 'Marquez',
      specialty: 'Cardiology',
      serviceLineCode: 'cardiac',
      languages: ['en', 'es'],
      clinicalAreaIds: [areaId],
    },
    {
      givenName: 'Oliver',
      familyName: 'Brandt',
      specialty: 'Cardiology',
      serviceLineCode: 'cardiac',
      licensedStates: ['MA', 'NH'],
      acceptingNewPatients: false,
    },
    {
      givenName: 'Grace',
      familyName: 'Whitmore',
      specialty: 'Dermatology',
      serviceLineCode: 'dermatology',
      visitModes: ['in_person'],
    },
  ]) {
    expect((await make(body)).statusCode).toBe(201);
  }
});
afterAll(async () => ctx?.close());

const search = async (query: string) =>
  (await ctx.app.inject({ method: 'GET', url: `/api/directory/clinicians?${query}` })).json();
const names = (r: { clinicians: { familyName: string }[] }) => r.clinicians.map((c) => c.familyName).sort();

describe('Find a Virtual Visit Doctor', () => {
  it('is public and finds by name, specialty prefix and condition words', async () => {
    expect(names(await search(`q=${tag}%20marq`))).toEqual(['Marquez']);
    expect(names(await search(`q=${tag}%20cardio`))).toEqual(['Brandt', 'Marquez']);
    expect(names(await search(`q=${tag}%20palpitations`))).toEqual(['Marquez']);
  });

  it('tolerates a typo', async () => {
    expect(names(await search(`q=${tag}%20cardiolgy`))).toEqual(['Brandt', 'Marquez']);
  });

  it('ranks a name match above a mention in a bio', async () => {
    const res = await search(`q=${tag}%20lucia`);
    expect(res.clinicians[0].familyName).toBe('Marquez');
  });

  it('lists only clinicians who offer video or phone visits', async () => {
    expect(names(await search(`q=${tag}`))).toEqual(['Brandt', 'Marquez']);
  });

  it('filters by language, state, organization, clinical area, visit type and new patients', async () => {
    expect(names(await search(`q=${tag}&language=es`))).toEqual(['Marquez']);
    expect(names(await search(`q=${tag}&state=NH`))).toEqual(['Brandt']);
    expect(names(await search(`q=${tag}&organization=${orgId}`))).toEqual(['Brandt', 'Marquez']);
    expect(names(await search(`q=${tag}&clinicalArea=${areaId}`))).toEqual(['Marquez']);
    expect(names(await search(`q=${tag}&newPatients=true`))).toEqual(['Marquez']);
    expect(names(await search(`q=${tag}&visitMode=phone&serviceLine=cardiac`))).toEqual(['Brandt', 'Marquez']);
  });

  it('paginates with a total', async () => {
    const first = await search(`q=${tag}&pageSize=1&page=1&sort=name`);
    const second = await search(`q=${tag}&pageSize=1&page=2&sort=name`);
    expect(first.total).toBe(2);
    expect([first.clinicians[0].familyName, second.clinicians[0].familyName]).toEqual(['Brandt', 'Marquez']);
  });

  it('an empty result says which filter to relax', async () => {
    const res = await search(`q=${tag}&language=es&state=NH`);
    expect(res.total).toBe(0);
    expect(res.relax).toEqual(
      expect.arrayContaining([
        { filter: 'language', resultCount: 1 },
        { filter: 'state', resultCount: 1 },
      ]),
    );
  });

  it('refuses unknown filters and bad values with a field message', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/directory/clinicians?state=Massachusetts' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('state');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/directory/clinicians?colour=blue' })).statusCode).toBe(
      400,
    );
  });

  it('serves each clinician a locally generated photo', async () => {
    const id = (await search(`q=${tag}%20marquez`)).clinicians[0].id;
    const photo = await ctx.app.inject({ method: 'GET', url: `/api/directory/clinicians/${id}/photo.svg` });
    expect(photo.headers['content-type']).toContain('image/svg+xml');
    expect(photo.body).toContain('>LM<');
  });
});

describe('managing the directory', () => {
  it('staff edit a clinician and the search index follows', async () => {
    const c = (await search(`q=${tag}%20brandt`)).clinicians[0];
    const res = await staff.inject('PUT', `/api/directory/clinicians/${c.id}`, {
      organizationId: orgId,
      givenName: 'Oliver',
      familyName: 'Brandt',
      credentials: 'MD',
      specialty: 'Electrophysiology',
      serviceLineCode: 'cardiac',
      languages: ['en', 'de'],
      licensedStates: ['MA'],
      visitModes: ['video'],
      acceptingNewPatients: true,
      selfScheduling: true,
      bio: `Clinician ${tag}`,
      clinicalAreaIds: [areaId],
    });
    expect(res.statusCode).toBe(200);
    expect(names(await search(`q=${tag}%20electrophys`))).toEqual(['Brandt']);
    expect(names(await search(`q=${tag}&language=de`))).toEqual(['Brandt']);
  });

  it('refuses clinical areas of another organization and unknown service lines', async () => {
    const otherOrg = await createOrganization(ctx.database);
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const foreign = (
      await admin.inject('POST', '/api/directory/clinical-areas', {
        organizationId: otherOrg,
        serviceLineCode: 'cardiac',
        name: 'Elsewhere',
        keywords: '',
      })
    ).json();
    const base = {
      organizationId: orgId,
      givenName: 'X',
      familyName: 'Y',
      credentials: '',
      specialty: 'Cardiology',
      languages: ['en'],
      licensedStates: [],
      visitModes: ['video'],
      acceptingNewPatients: true,
      selfScheduling: true,
      bio: '',
    };
    const wrongArea = await staff.inject('POST', '/api/directory/clinicians', {
      ...base,
      serviceLineCode: 'cardiac',
      clinicalAreaIds: [foreign.id],
    });
    expect(wrongArea.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'clinicalAreaIds' }] });
    const wrongLine = await staff.inject('POST', '/api/directory/clinicians', {
      ...base,
      serviceLineCode: 'astrology',
      clinicalAreaIds: [],
    });
    expect(wrongLine.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'serviceLineCode' }] });
    const otherOrgClinician = await staff.inject('POST', '/api/directory/clinicians', {
      ...base,
      organizationId: otherOrg,
      serviceLineCode: 'cardiac',
      clinicalAreaIds: [],
    });
    expect(otherOrgClinician.json().errors[0].field).toBe('organizationId');
  });

  it('patients and anonymous visitors cannot change the directory', async () => {
    const patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect(
      (
        await patient.inject('POST', '/api/directory/clinical-areas', {
          organizationId: orgId,
          serviceLineCode: 'cardiac',
          name: 'Nope',
          keywords: '',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/directory/clinical-areas',
          payload: { organizationId: orgId, serviceLineCode: 'cardiac', name: 'Nope', keywords: '' },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('staff directory view', () => {
  it("shows staff their own organization's clinicians, including in-person-only and inactive ones", async () => {
    const raw = await staff.inject('GET', `/api/directory/manage/clinicians?q=${tag}`);
    expect(raw.statusCode, raw.body).toBe(200);
    const res = raw.json();
    expect(names(res)).toEqual(['Brandt', 'Marquez', 'Whitmore']);
    const whitmore = res.clinicians.find((c: { familyName: string }) => c.familyName === 'Whitmore');
    expect((await staff.inject('GET', `/api/directory/manage/clinicians/${whitmore.id}`)).json()).toMatchObject({
      visitModes: ['in_person'],
      active: true,
    });
    const otherStaff = await signIn(
      ctx.app,
      (await createUser(ctx, 'staff', { orgId: await createOrganization(ctx.database) })).email,
    );
    expect((await otherStaff.inject('GET', `/api/directory/manage/clinicians?q=${tag}`)).json().total).toBe(0);
    expect((await otherStaff.inject('GET', `/api/directory/manage/clinicians/${whitmore.id}`)).statusCode).toBe(404);
  });
});

describe('what each server remembers of the directory', () => {
  it('follows a change written straight to the database, as another instance or an import writes it', async () => {
    const facetCount = async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/directory/facets' });
      const orgs: { value: string; count: number }[] = res.json().organizations;
      return orgs.find((o) => o.value === orgId)?.count ?? 0;
    };
    const word = `w${tag}`;
    // Read once so facets, the count of a long list and the typed word's lookup are all remembered.
    const facetsBefore = await facetCount();
    expect(await facetCount()).toBe(facetsBefore);
    const totalBefore = (await search(`q=${tag}&pageSize=1&sort=name`)).total;
    expect((await search(`q=${word}`)).total).toBe(0);

    await ctx.database.db
      .insertInto('clinicians')
      .values({
        organization_id: orgId,
        given_name: 'Nadia',
        family_name: 'Quist',
        credentials: 'MD',
        specialty: 'Cardiology',
        service_line_code: 'cardiac',
        languages: ['en'],
        licensed_states: ['MA'],
        visit_modes: ['video'],
        bio: `Clinician ${tag}`,
        photo_svg: '<svg/>',
      })
      .execute();
    await refreshDirectorySearch(ctx.database.db);
    await ctx.database.db.insertInto('directory_synonyms').values({ service_line_code: 'cardiac', word }).execute();

    expect(await facetCount()).toBe(facetsBefore + 1);
    expect((await search(`q=${tag}&pageSize=1&sort=name`)).total).toBe(totalBefore + 1);
    expect(names(await search(`q=${word}%20${tag}`))).toEqual(['Brandt', 'Marquez', 'Quist']);
  });

  it("names each card's clinical areas as they are now, after an area is renamed straight in the database", async () => {
    const areaNames = async () =>
      (await search(`clinicalArea=${areaId}&sort=name`)).clinicians.map((c: { clinicalAreas: { name: string }[] }) =>
        c.clinicalAreas.map((a) => a.name),
      );
    const before = await areaNames();
    expect(before.length).toBeGreaterThan(0);
    for (const names of before) expect(names).toContain(`Arrhythmia ${tag}`);
    await ctx.database.db
      .updateTable('clinical_areas')
      .set({ name: `Rhythm ${tag}` })
      .where('id', '=', areaId)
      .execute();
    for (const names of await areaNames()) {
      expect(names).toContain(`Rhythm ${tag}`);
      expect(names).not.toContain(`Arrhythmia ${tag}`);
    }
    await ctx.database.db
      .updateTable('clinical_areas')
      .set({ name: `Arrhythmia ${tag}` })
      .where('id', '=', areaId)
      .execute();
  });

  it('a page asked for again follows a change written straight to the database, and shows "next available" as it is now', async () => {
    type Card = { id: string; familyName: string; nextAvailableAt: string | null };
    const page = async () => (await search(`q=${tag}&sort=name`)).clinicians as Card[];
    const first = await page();
    expect(first.length).toBeGreaterThan(1);
    expect(await page()).toEqual(first); // asked again: the same page, now remembered
    const [gone, moved] = first;
    // "Next available" moves with scheduling, not with the directory's version: the card shows it as it is now.
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCSeconds(0, 0);
    await ctx.database.db
      .updateTable('clinicians')
      .set({ next_available_at: at })
      .where('id', '=', moved?.id ?? '')
      .execute();
    expect((await page()).find((c) => c.id === moved?.id)?.nextAvailableAt).toBe(at.toISOString());
    // A search not asked before whose cards are all remembered reads no cards, but its own openings.
    const later = new Date(at.getTime() + 86_400_000);
    await ctx.database.db
      .updateTable('clinicians')
      .set({ next_available_at: later })
      .where('id', '=', moved?.id ?? '')
      .execute();
    const other = (await search(`q=${tag}&sort=name&pageSize=2`)).clinicians as Card[];
    expect(other.map((c) => c.id)).toEqual(first.slice(0, 2).map((c) => c.id));
    expect(other.find((c) => c.id === moved?.id)?.nextAvailableAt).toBe(later.toISOString());
    // A clinician taken off the directory by another instance (or psql) is gone from the remembered page.
    await ctx.database.db
      .updateTable('clinicians')
      .set({ active: false })
      .where('id', '=', gone?.id ?? '')
      .execute();
    const after = await page();
    expect(after.map((c) => c.id)).toEqual(first.slice(1).map((c) => c.id));
    await ctx.database.db
      .updateTable('clinicians')
      .set({ active: true })
      .where('id', '=', gone?.id ?? '')
      .execute();
    expect((await page()).map((c) => c.id)).toEqual(first.map((c) => c.id));
  });

  it('counts the clinicians available within N days on every search, as scheduling moves them', async () => {
    const listed = async (days: number) => {
      const row = await ctx.database.db
        .selectFrom('clinicians')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('active', '=', true)
        .where(sql<boolean>`visit_modes && array['video','phone']::text[]`)
        .where('next_available_at', '<=', new Date(Date.now() + days * 86_400_000))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const url = `availableWithinDays=7&sort=next_available&pageSize=1`;
    type Card = { id: string; nextAvailableAt: string | null };
    const mine = (await search(`q=${tag}&sort=name`)).clinicians as Card[];
    expect(mine.length).toBeGreaterThan(1);
    const setOpening = (id: string, at: Date | null) =>
      ctx.database.db.updateTable('clinicians').set({ next_available_at: at }).where('id', '=', id).execute();
    const soon = new Date(Date.now() + 86_400_000);
    // Two clinicians open slots tomorrow, so a page of one does not show where the list ends.
    for (const c of mine.slice(0, 2)) await setOpening(c.id, soon);
    const expected = await listed(7);
    expect(expected).toBeGreaterThan(1);
    expect((await search(url)).total).toBe(expected);
    // Scheduling fills one of them (no version moves): the next search counts one fewer.
    await setOpening(mine[0]?.id ?? '', null);
    expect((await search(url)).total).toBe(expected - 1);
    for (const c of mine) await setOpening(c.id, c.nextAvailableAt === null ? null : new Date(c.nextAvailableAt));
  });
});
