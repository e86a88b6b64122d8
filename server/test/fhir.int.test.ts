import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FhirGrant } from '../src/modules/fhir/access.js';
import { createTestContext, createUser, signIn, type Agent, type TestContext, type TestUser } from './context.js';
import { fhirErrors } from './fhir-validator.js';
import { createSpecialist, ensureDepartment } from './opinions-fixtures.js';
import { labBundle } from './results-fixtures.js';

interface Bundle {
  resourceType: 'Bundle';
  total: number;
  link: { relation: string; url: string }[];
  entry: {
    fullUrl: string;
    resource: Record<string, unknown> & { resourceType: string; id: string };
    search: { mode: string };
  }[];
}

let ctx: TestContext;
let dir: string;
let alice: TestUser;
let bob: TestUser;
let aliceAgent: Agent;
let bobAgent: Agent;
let clinician: TestUser;
const grants = new Map<string, FhirGrant>();

const get = (agent: Agent, url: string) => agent.inject('GET', url);
const bearer = (token: string, url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Portico</title><div id="root"></div>');
  ctx = await createTestContext({ PORTICO_WEB_DIST: dir, PORTICO_PUBLIC_URL: 'https://portal.example.test' });
  alice = await createUser(ctx, 'patient');
  bob = await createUser(ctx, 'patient');
  clinician = await createUser(ctx, 'clinician');
  await ensureDepartment(ctx, 'cardiac', 'Cardiac');
  const clinicianId = await createSpecialist(ctx, clinician.id, 'cardiac');
  const care = await signIn(ctx.app, clinician.email);
  for (const [p, id] of [
    [alice, 'fhir-a'],
    [bob, 'fhir-b'],
  ] as const) {
    const res = await care.inject(
      'POST',
      `/api/patients/${p.patientId}/results/fhir`,
      labBundle(p.patientId ?? '', id),
    );
    if (res.statusCode !== 201) throw new Error(`import failed: ${res.body}`);
  }
  // A secure message thread for Alice (Communication).
  const thread = await ctx.database.db
    .insertInto('message_threads')
    .values({
      organization_id: ctx.orgId,
      patient_id: alice.patientId ?? '',
      topic: 'question',
      subject: 'Question about my A1c',
      clinician_id: clinicianId,
      created_by: alice.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.database.db
    .insertInto('messages')
    .values({ thread_id: thread.id, author_user_id: alice.id, author_side: 'patient', body: 'Is 6.6 high?' })
    .execute();
  aliceAgent = await signIn(ctx.app, alice.email);
  bobAgent = await signIn(ctx.app, bob.email);
});

afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('CapabilityStatement', () => {
  it('is public, FHIR JSON, and names every type, search parameter and the SMART endpoints', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const cs = res.json<{
      fhirVersion: string;
      rest: {
        security: {
          service: { coding: { code: string }[] }[];
          extension: { url: string; extension: { url: string; valueUri: string }[] }[];
        };
        resource: { type: string; searchParam?: { name: string }[]; searchRevInclude?: string[] }[];
      }[];
    }>();
    expect(cs.fhirVersion).toBe('4.0.1');
    const rest = cs.rest[0];
    expect(rest?.security.service[0]?.coding[0]?.code).toBe('SMART-on-FHIR');
    const uris = rest?.security.extension.find((e) => e.url.endsWith('oauth-uris'))?.extension ?? [];
    expect(uris).toEqual([
      { url: 'authorize', valueUri: 'https://portal.example.test/oauth/authorize' },
      { url: 'token', valueUri: 'https://portal.example.test/oauth/token' },
    ]);
    const types = rest?.resource.map((r) => r.type) ?? [];
    for (const t of [
      'Patient',
      'Observation',
      'DiagnosticReport',
      'Encounter',
      'Immunization',
      'Binary',
      'Provenance',
    ]) {
      expect(types).toContain(t);
    }
    const obs = rest?.resource.find((r) => r.type === 'Observation');
    expect(obs?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['patient', 'category', 'code', 'date']),
    );
    expect(rest?.resource.find((r) => r.type === 'DiagnosticReport')?.searchRevInclude).toEqual(['Provenance:target']);
  });
});

describe('who can read', () => {
  it('asks for a sign-in or a token with a 401 OperationOutcome and WWW-Authenticate', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/fhir/R4/Observation?patient=${alice.patientId}` });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
  });

  it('refuses every bearer token while no verifier is set', async () => {
    const res = await bearer('anything', '/fhir/R4/Patient');
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });

  it("gives a signed-in patient their own record and a 404 for another patient's", async () => {
    const own = await get(aliceAgent, `/fhir/R4/Patient/${alice.patientId}`);
    expect(own.statusCode).toBe(200);
    expect(fhirErrors(own.json())).toEqual([]);
    const other = await get(aliceAgent, `/fhir/R4/Patient/${bob.patientId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    const bobObs = (await get(bobAgent, '/fhir/R4/Observation')).json<Bundle>().entry[0]?.resource.id;
    expect(bobObs).toBeTruthy();
    const missing = await get(aliceAgent, `/fhir/R4/Observation/00000000-0000-4000-8000-000000000000`);
    const stolen = await get(aliceAgent, `/fhir/R4/Observation/${bobObs}`);
    expect(stolen.statusCode).toBe(404);
    expect(stolen.body.replaceAll(String(bobObs), 'X')).toBe(
      missing.body.replaceAll('00000000-0000-4000-8000-000000000000', 'X'),
    );
    const search = await get(aliceAgent, `/fhir/R4/Observation?patient=${bob.patientId}`);
    expect(search.json<Bundle>().total).toBe(0);
  });

  it('turns away a workforce session', async () => {
    const care = await signIn(ctx.app, clinician.email);
    const res = await get(care, `/fhir/R4/Patient/${alice.patientId}`);
    expect(res.statusCode).toBe(403);
  });

  it('enforces token scopes per type and interaction, refuses system scopes, and audits with the app name', async () => {
    ctx.services.fhir.setBearerVerifier(async (token) => grants.get(token) ?? null);
    const base = { userId: alice.id, patientId: alice.patientId, clientId: 'client-1', appName: 'Glucose Buddy' };
    grants.set('obs-only', { ...base, scopes: ['openid', 'launch/patient', 'patient/Observation.rs'] });
    grants.set('read-only', { ...base, scopes: ['patient/Observation.r'] });
    grants.set('v1', { ...base, scopes: ['patient/*.read'] });
    grants.set('system', { ...base, patientId: null, scopes: ['system/*.rs'] });
    grants.set('system-bound', { ...base, scopes: ['system/*.rs'] });
    try {
      const search = await bearer('obs-only', `/fhir/R4/Observation?patient=${alice.patientId}&category=laboratory`);
      expect(search.statusCode).toBe(200);
      expect(search.json<Bundle>().total).toBe(3);
      expect((await bearer('obs-only', `/fhir/R4/Patient/${alice.patientId}`)).statusCode).toBe(403);
      expect((await bearer('read-only', '/fhir/R4/Observation')).statusCode).toBe(403);
      const id = search.json<Bundle>().entry[0]?.resource.id;
      expect((await bearer('read-only', `/fhir/R4/Observation/${id}`)).statusCode).toBe(200);
      expect((await bearer('v1', `/fhir/R4/Encounter?patient=${alice.patientId}`)).statusCode).toBe(200);
      expect((await bearer('system', '/fhir/R4/Observation')).statusCode).toBe(403);
      expect((await bearer('system-bound', '/fhir/R4/Observation')).statusCode).toBe(403);
      expect((await bearer('revoked', '/fhir/R4/Observation')).statusCode).toBe(401);
      const audit = await ctx.database.db
        .selectFrom('audit_events')
        .select(['action', 'entity_type', 'outcome', 'detail', 'actor_user_id'])
        .where('patient_id', '=', alice.patientId)
        .where('action', '=', 'fhir.search')
        .execute();
      const fromApp = audit.filter((a) => (a.detail as { app?: string }).app === 'Glucose Buddy');
      expect(fromApp.length).toBeGreaterThanOrEqual(2);
      expect(fromApp).toContainEqual(
        expect.objectContaining({ entity_type: 'Observation', outcome: 'allowed', actor_user_id: alice.id }),
      );
    } finally {
      ctx.services.fhir.setBearerVerifier(null);
    }
  });
});

describe('search', () => {
  it('filters by category, code and date, and pages with _count and Bundle.link next', async () => {
    const all = (
      await get(aliceAgent, `/fhir/R4/Observation?patient=${alice.patientId}&category=laboratory`)
    ).json<Bundle>();
    expect(all.total).toBe(3);
    expect(fhirErrors(all)).toEqual([]);
    const byCode = (await get(aliceAgent, '/fhir/R4/Observation?code=http://loinc.org|4548-4')).json<Bundle>();
    expect(byCode.total).toBe(1);
    expect(byCode.entry[0]?.resource['valueQuantity']).toMatchObject({
      value: 6.6,
      system: 'http://unitsofmeasure.org',
    });
    expect((await get(aliceAgent, '/fhir/R4/Observation?category=imaging')).json<Bundle>().total).toBe(0);
    expect((await get(aliceAgent, '/fhir/R4/Observation?date=ge2026-11-01')).json<Bundle>().total).toBe(3);
    expect((await get(aliceAgent, '/fhir/R4/Observation?date=lt2026-11-01')).json<Bundle>().total).toBe(0);

    const first = (await get(aliceAgent, '/fhir/R4/Observation?category=laboratory&_count=2')).json<Bundle>();
    expect(first.entry).toHaveLength(2);
    const next = first.link.find((l) => l.relation === 'next')?.url ?? '';
    expect(next).toMatch(/^https:\/\/portal\.example\.test\/fhir\/R4\/Observation\?/);
    const second = (await get(aliceAgent, next.replace('https://portal.example.test', ''))).json<Bundle>();
    expect(second.entry).toHaveLength(1);
    expect(second.link.find((l) => l.relation === 'next')).toBeUndefined();
    const ids = [...first.entry, ...second.entry].map((e) => e.resource.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('includes results and revincludes Provenance', async () => {
    const res = (
      await get(
        aliceAgent,
        '/fhir/R4/DiagnosticReport?category=LAB&_include=DiagnosticReport:result&_revinclude=Provenance:target',
      )
    ).json<Bundle>();
    expect(res.total).toBe(2);
    const included = res.entry.filter((e) => e.search.mode === 'include').map((e) => e.resource.resourceType);
    expect(included.filter((t) => t === 'Observation')).toHaveLength(3);
    expect(included.filter((t) => t === 'Provenance')).toHaveLength(2);
    expect(fhirErrors(res)).toEqual([]);
  });

  it('serves Communication, Encounter and Immunization searches that validate', async () => {
    const messages = (await get(aliceAgent, '/fhir/R4/Communication')).json<Bundle>();
    expect(messages.total).toBe(1);
    expect(messages.entry[0]?.resource['payload']).toEqual([{ contentString: 'Is 6.6 high?' }]);
    expect(fhirErrors(messages.entry[0]?.resource)).toEqual([]);
    const imm = await get(aliceAgent, `/fhir/R4/Immunization?patient=${alice.patientId}`);
    expect(imm.statusCode).toBe(200);
    expect(imm.json<Bundle>().total).toBe(0);
  });

  it('serves the report text behind its DocumentReference as Binary', async () => {
    const docs = (await get(aliceAgent, '/fhir/R4/DocumentReference?category=clinical-note')).json<Bundle>();
    expect(docs.total).toBe(2);
    const content = docs.entry[0]?.resource['content'] as { attachment: { url: string } }[];
    const url = content[0]?.attachment.url ?? '';
    expect(url).toMatch(/^Binary\//);
    const bin = await get(aliceAgent, `/fhir/R4/${url}`);
    expect(bin.statusCode).toBe(200);
    expect(bin.headers['content-type']).toMatch(/^text\/plain/);
    expect(bin.body).toMatch(/Hemoglobin A1c|Basic metabolic panel/);
    expect((await get(bobAgent, `/fhir/R4/${url}`)).statusCode).toBe(404);
  });

  it('answers bad searches with a 400 OperationOutcome', async () => {
    for (const url of [
      '/fhir/R4/Observation?colour=red',
      '/fhir/R4/Observation?_count=many',
      '/fhir/R4/Observation?date=yesterday',
      '/fhir/R4/Observation?_include=Observation:nothing',
    ]) {
      const res = await get(aliceAgent, url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
    }
    const unknown = await get(aliceAgent, '/fhir/R4/Spaceship');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });
});

describe('no web page where an integrator looks', () => {
  it('answers /fhir, /.well-known, /oauth and /metadata with JSON, never the app HTML', async () => {
    // Nothing is served here: a 404 in JSON (an OperationOutcome under /fhir).
    for (const url of ['/fhir', '/fhir/', '/fhir/metadata', '/fhir/R4/a/b/c', '/metadata']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/json/);
      expect(res.body, url).not.toContain('<div id="root">');
      if (url.startsWith('/fhir'))
        expect(res.json<{ resourceType: string }>().resourceType, url).toBe('OperationOutcome');
    }
    // The SMART authorization server's endpoints answer for themselves, in JSON.
    for (const url of ['/.well-known/smart-configuration', '/.well-known/openid-configuration']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/json/);
      expect(res.body, url).not.toContain('<div id="root">');
    }
    const token = await ctx.app.inject({ method: 'GET', url: '/oauth/token' });
    expect(token.headers['content-type']).not.toMatch(/html/);
    const authorize = await ctx.app.inject({ method: 'GET', url: '/oauth/authorize?response_type=code' });
    expect(authorize.statusCode).toBeGreaterThanOrEqual(400);
    expect(authorize.body).not.toContain('<div id="root">');
    // The app's own pages still get it.
    expect((await ctx.app.inject({ method: 'GET', url: '/results' })).headers['content-type']).toContain('text/html');
  });
});
