import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_LINES } from '../src/demo/data.js';
import { createTestContext, createUser, signIn, uniq, type Agent, type TestContext } from './context.js';

// Issue 17: "cardiology" found 1 clinician while the Cardiac filter found 2. A search for a service
// line, a specialty or a common word for it finds every clinician of that line; the words are data.
let ctx: TestContext;
let staff: Agent;
let admin: Agent;
const tag = uniq('zz').replace('-', ''); // a word only this file's clinicians carry
const line = `line-${tag}`;
const names = new Map<string, string>();

const search = async (q: string): Promise<string[]> => {
  const res = await staff.inject('GET', `/api/directory/clinicians?${new URLSearchParams({ q, pageSize: '50' })}`);
  expect(res.statusCode).toBe(200);
  const body: { clinicians: { id: string }[] } = res.json();
  return body.clinicians.map((c) => names.get(c.id) ?? 'someone else').sort();
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.database.db
    .insertInto('service_lines')
    .values([
      { code: 'cardiac', name: 'Cardiac' },
      { code: line, name: `Test line ${tag}` },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
  const make = async (givenName: string, specialty: string, serviceLineCode: string, bio: string) => {
    const res = await staff.inject('POST', '/api/directory/clinicians', {
      organizationId: ctx.orgId,
      givenName,
      familyName: `Test${tag}`,
      credentials: 'MD',
      specialty,
      serviceLineCode,
      languages: ['en'],
      licensedStates: ['MA'],
      visitModes: ['video'],
      acceptingNewPatients: true,
      selfScheduling: true,
      bio,
      clinicalAreaIds: [],
    });
    expect(res.statusCode).toBe(201);
    names.set(res.json<{ id: string }>().id, givenName);
  };
  // Neither cardiac clinician's words contain "cardiology" or "heart".
  await make('Ada', 'Cardiac Electrophysiology', 'cardiac', `Rhythm care ${tag}.`);
  await make('Bo', 'Vascular Medicine', 'cardiac', `Circulation ${tag}.`);
  await make('Cy', 'Dermatology', line, `Skin care ${tag}.`);
  await make('Di', 'Dermatology', line, `Rashes ${tag}.`);
});
afterAll(async () => ctx?.close());

describe('search words of a service line', () => {
  it('has default words for every one of the 22 service lines', async () => {
    const rows = await ctx.database.db
      .selectFrom('directory_synonyms')
      .select('service_line_code')
      .distinct()
      .execute();
    const codes = new Set(rows.map((r) => r.service_line_code));
    for (const [code] of SERVICE_LINES) expect(codes.has(code), code).toBe(true);
  });

  it('finds every clinician of the Cardiac line for "cardiology", "cardiac", "heart" and "cardio"', async () => {
    for (const word of ['cardiology', 'cardiac', 'heart', 'cardio', 'Cardiologist']) {
      expect(await search(`${word} ${tag}`), word).toEqual(['Ada', 'Bo']);
    }
  });

  it('lets an admin give a line its words, and the search uses them at once', async () => {
    const word = `w${tag}`;
    expect(await search(word)).toEqual([]);
    const put = await admin.inject('PUT', `/api/admin/directory/search-words/${line}`, {
      words: [` ${word.toUpperCase()} `, 'epidermis', word],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ serviceLineCode: line, words: ['epidermis', word] });
    expect(await search(word)).toEqual(['Cy', 'Di']);
    const list = await admin.inject('GET', '/api/admin/directory/search-words');
    const lines: { serviceLineCode: string; words: string[] }[] = list.json().serviceLines;
    expect(lines.find((l) => l.serviceLineCode === line)?.words).toEqual(['epidermis', word]);
    // Removing the word takes it out of the search again.
    expect((await admin.inject('PUT', `/api/admin/directory/search-words/${line}`, { words: [] })).statusCode).toBe(
      200,
    );
    expect(await search(word)).toEqual([]);
  });

  it('refuses words with spaces or symbols with a stable code on the field, and non-admins', async () => {
    const bad = await admin.inject('PUT', `/api/admin/directory/search-words/${line}`, { words: ['heart attack'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'search_word_invalid', errors: [{ field: 'words' }] });
    expect(
      (await admin.inject('PUT', '/api/admin/directory/search-words/no-such-line', { words: [] })).statusCode,
    ).toBe(404);
    expect((await staff.inject('GET', '/api/admin/directory/search-words')).statusCode).toBe(403);
    expect((await staff.inject('PUT', `/api/admin/directory/search-words/${line}`, { words: [] })).statusCode).toBe(
      403,
    );
  });
});
