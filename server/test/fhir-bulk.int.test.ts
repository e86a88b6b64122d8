import { randomUUID } from 'node:crypto';
import { appendFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createServices } from '../src/modules.js';
import {
  createOrganization,
  createPatient,
  createTestContext,
  createUser,
  signIn,
  type TestContext,
} from './context.js';
import { fhirErrors } from './fhir-validator.js';
import { createSpecialist, ensureDepartment } from './opinions-fixtures.js';
import { labBundle } from './results-fixtures.js';
import { launch, registerApp, tokenRequest } from './smart-helpers.js';
import { clientKeys, type ClientKeys } from './smart-keys.js';

// FHIR Bulk Data Access v2 (docs/decisions/0034) on whichever engine the suite runs on: backend
// clients sign their assertions with jose, start exports, poll the status URL (running the job
// queue between polls, never sleeping) and read every NDJSON line back through Medplum's validator.
let ctx: TestContext;
let keys: ClientKeys;
const FHIR = '/fhir/R4';
let orgB: string;
const orgAPatients: string[] = [];
const orgBPatients: string[] = [];
let alice = '';
/** Backend clients: bound to org A, to org B, to no organization, and one reading Patient only. */
const clients: Record<'orgA' | 'orgB' | 'all' | 'narrow', string> = { orgA: '', orgB: '', all: '', narrow: '' };
const quiet = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  ctx = await createTestContext({ PORTICO_SMART_PRIVATE_JWKS: 'true', PORTICO_BULK_EXPORT_BATCH: '2' });
  keys = await clientKeys(ctx, 'bulk-key-1');

  // Org A: two patients with lab results, three without; org B: two patients.
  const clinician = await createUser(ctx, 'clinician');
  await ensureDepartment(ctx, 'cardiac', 'Cardiac');
  await createSpecialist(ctx, clinician.id, 'cardiac');
  const care = await signIn(ctx.app, clinician.email);
  for (let i = 0; i < 5; i++) {
    const id = await createPatient(ctx);
    orgAPatients.push(id);
    if (i < 2) {
      const res = await care.inject(
        'POST',
        `/api/patients/${id}/results/fhir`,
        labBundle(id, `bulk-${i}-${randomUUID()}`),
      );
      if (res.statusCode !== 201) throw new Error(`import failed: ${res.body}`);
    }
  }
  alice = orgAPatients[0] ?? '';
  orgB = await createOrganization(ctx.database);
  for (let i = 0; i < 2; i++) orgBPatients.push(await createPatient(ctx, { orgId: orgB }));

  const backend = async (scopes: string[], organizationId?: string) =>
    (
      await registerApp(ctx, {
        name: 'Population health',
        kind: 'backend',
        redirectUris: [],
        jwksUri: keys.jwksUri,
        scopes,
        ...(organizationId ? { organizationId } : {}),
      })
    ).app.clientId;
  clients.orgA = await backend(['system/*.rs'], ctx.orgId);
  clients.orgB = await backend(['system/*.rs'], orgB);
  clients.all = await backend(['system/*.read']);
  clients.narrow = await backend(['system/Patient.rs'], ctx.orgId);
});

afterAll(async () => {
  await ctx.close();
  await keys.close();
});

/** A backend service's access token: client credentials with a private_key_jwt assertion. */
async function systemToken(clientId: string, scope = 'system/*.rs'): Promise<string> {
  const res = await tokenRequest(ctx.app, {
    grant_type: 'client_credentials',
    scope,
    ...(await keys.assertion(clientId)),
  });
  if (res.statusCode !== 200) throw new Error(`token answered ${res.statusCode}: ${res.body}`);
  return res.json<{ access_token: string }>().access_token;
}

const ASYNC = { prefer: 'respond-async', accept: 'application/fhir+json' };

function get(token: string, url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** The path of an absolute URL the server handed out (Content-Location, manifest urls). */
const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

async function kickoff(token: string, url: string): Promise<string> {
  const res = await get(token, url, ASYNC);
  expect(res.statusCode, res.body).toBe(202);
  const location = String(res.headers['content-location']);
  expect(location).toMatch(new RegExp(`^${ctx.config.publicUrl}/fhir/R4/\\$export-status/[0-9a-f-]{36}$`));
  return pathOf(location);
}

interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: unknown[];
}

/** Polls the status URL until the export is done, running due jobs between polls. */
async function untilDone(token: string, statusPath: string): Promise<Manifest> {
  // By time, not by count: on a shared PostgreSQL another runner may hold a slice for a while.
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    const res = await get(token, statusPath);
    if (res.statusCode === 200) return res.json<Manifest>();
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['x-progress']).toBeTruthy();
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await ctx.services.jobs.runDue('bulk-test');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the export never finished');
}

/** Downloads one file and parses its lines, each checked by the independent validator. */
async function download(token: string, url: string): Promise<Record<string, unknown>[]> {
  const res = await get(token, pathOf(url));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('application/fhir+ndjson');
  const lines = res.body.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => {
    const resource = JSON.parse(line) as Record<string, unknown>;
    expect(fhirErrors(resource), line.slice(0, 200)).toEqual([]);
    return resource;
  });
}

async function everything(token: string, manifest: Manifest): Promise<Map<string, Record<string, unknown>[]>> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const o of manifest.output) {
    const lines = await download(token, o.url);
    expect(lines.length).toBe(o.count);
    expect(lines.every((r) => r['resourceType'] === o.type)).toBe(true);
    out.set(o.type, lines);
  }
  return out;
}

const subjectOf = (r: Record<string, unknown>): string =>
  String((r['subject'] as { reference?: string } | undefined)?.reference ?? '');

describe('finding the group', () => {
  it('shows a client its own organization group only, as valid FHIR', async () => {
    const token = await systemToken(clients.orgA);
    const res = await get(token, `${FHIR}/Group`);
    expect(res.statusCode).toBe(200);
    const bundle = res.json<{ entry: { resource: Record<string, unknown> }[] }>();
    expect(bundle.entry.map((e) => e.resource['id'])).toEqual([ctx.orgId]);
    const group = bundle.entry[0]?.resource ?? {};
    expect(fhirErrors(group)).toEqual([]);
    expect(group['quantity']).toBe(5);
    expect((await get(token, `${FHIR}/Group/${ctx.orgId}`)).json<{ id: string }>().id).toBe(ctx.orgId);
    // Another organization's group is a 404, the same as a missing one, for reading and exporting.
    const other = await get(token, `${FHIR}/Group/${orgB}`);
    expect(other.statusCode).toBe(404);
    expect(other.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
    expect((await get(token, `${FHIR}/Group/${orgB}/$export`, ASYNC)).statusCode).toBe(404);
    expect((await get(token, `${FHIR}/Group/${randomUUID()}/$export`, ASYNC)).statusCode).toBe(404);

    const unbound = await systemToken(clients.all, 'system/*.read');
    const all = (await get(unbound, `${FHIR}/Group?_id=${orgB}`)).json<{ entry: { resource: { id: string } }[] }>();
    expect(all.entry.map((e) => e.resource.id)).toEqual([orgB]);
  });

  it('advertises the export operations in the CapabilityStatement', async () => {
    const cs = (await ctx.app.inject({ method: 'GET', url: `${FHIR}/metadata` })).json<{
      instantiates: string[];
      rest: { resource: { type: string; operation?: { name: string }[] }[] }[];
    }>();
    expect(cs.instantiates).toContain('http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data');
    const ops = (type: string) => cs.rest[0]?.resource.find((r) => r.type === type)?.operation?.map((o) => o.name);
    expect(ops('Patient')).toContain('export');
    expect(ops('Group')).toContain('export');
  });
});

describe('group export', () => {
  it('exports exactly the organization’s patients and their records, every line valid', async () => {
    const token = await systemToken(clients.orgA);
    const kick = `${FHIR}/Group/${ctx.orgId}/$export`;
    const statusPath = await kickoff(token, kick);
    const manifest = await untilDone(token, statusPath);
    expect(manifest.requiresAccessToken).toBe(true);
    expect(manifest.error).toEqual([]);
    expect(manifest.request).toBe(`${ctx.config.publicUrl}${kick}`);
    expect(Number.isNaN(Date.parse(manifest.transactionTime))).toBe(false);
    const files = await everything(token, manifest);
    expect(new Set(files.get('Patient')?.map((p) => p['id']))).toEqual(new Set(orgAPatients));
    const observations = files.get('Observation') ?? [];
    expect(observations.length).toBeGreaterThan(0);
    const withResults = new Set(orgAPatients.slice(0, 2).map((id) => `Patient/${id}`));
    expect(observations.every((o) => withResults.has(subjectOf(o)))).toBe(true);
    expect((files.get('DiagnosticReport') ?? []).length).toBe(4);
    // The organization's directory comes once, not once per patient.
    expect(files.get('Organization')?.map((o) => o['id'])).toEqual([ctx.orgId]);
    // Audited once per kick-off, end and download, as the app.
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('action', 'like', 'fhir.bulk%')
      .where('entity_id', '=', pathOf(`${ctx.config.publicUrl}${statusPath}`).split('/').pop() ?? '')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      ['fhir.bulk_export', 'fhir.bulk_export_completed', ...manifest.output.map(() => 'fhir.bulk_download')].sort(),
    );
  });

  it('filters by _type and _since', async () => {
    const token = await systemToken(clients.orgA);
    await ctx.database.db
      .updateTable('patients')
      .set({ updated_at: new Date('2020-01-01T00:00:00Z') })
      .where('organization_id', '=', ctx.orgId)
      .execute();
    await ctx.database.db.updateTable('patients').set({ updated_at: new Date() }).where('id', '=', alice).execute();
    const status = await kickoff(token, `${FHIR}/Group/${ctx.orgId}/$export?_type=Patient&_since=2025-01-01T00:00:00Z`);
    const manifest = await untilDone(token, status);
    expect(manifest.output.map((o) => o.type)).toEqual(['Patient']);
    const files = await everything(token, manifest);
    expect(files.get('Patient')?.map((p) => p['id'])).toEqual([alice]);

    const typed = await kickoff(
      token,
      `${FHIR}/Group/${ctx.orgId}/$export?_type=Observation,DiagnosticReport&_outputFormat=application/fhir%2Bndjson`,
    );
    const both = await untilDone(token, typed);
    expect(both.output.map((o) => o.type).sort()).toEqual(['DiagnosticReport', 'Observation']);
  });

  it('lets a client registered for no organization export any group; a bound one only its own', async () => {
    // (Patient/$export by an unbound client walks every patient of the database: on the shared
    // PostgreSQL test database that is every test file's, so it is not run here.)
    const token = await systemToken(clients.all, 'system/*.read');
    for (const [org, patients] of [
      [ctx.orgId, orgAPatients],
      [orgB, orgBPatients],
    ] as const) {
      const manifest = await untilDone(token, await kickoff(token, `${FHIR}/Group/${org}/$export?_type=Patient`));
      const ids = (await download(token, manifest.output[0]?.url ?? '')).map((p) => p['id']);
      expect(new Set(ids)).toEqual(new Set(patients));
    }
    // Bound to org B, Patient/$export stays within org B.
    const b = await systemToken(clients.orgB);
    const mine = await untilDone(b, await kickoff(b, `${FHIR}/Patient/$export?_type=Patient`));
    const bIds = (await download(b, mine.output[0]?.url ?? '')).map((p) => p['id']);
    expect(new Set(bIds)).toEqual(new Set(orgBPatients));
  });
});

describe('refusals', () => {
  it('answers bad kick-offs with a 400 OperationOutcome', async () => {
    const token = await systemToken(clients.orgA);
    const kick = `${FHIR}/Group/${ctx.orgId}/$export`;
    const cases: [string, Record<string, string>][] = [
      [kick, { accept: 'application/fhir+json' }],
      [`${kick}?_outputFormat=text/csv`, ASYNC],
      [`${kick}?_typeFilter=Observation%3Fcategory%3Dlaboratory`, ASYNC],
      [`${kick}?_type=Spaceship`, ASYNC],
      [`${kick}?_since=yesterday`, ASYNC],
      [kick, { ...ASYNC, accept: 'application/xml' }],
    ];
    for (const [url, headers] of cases) {
      const res = await get(token, url, headers);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
    }
    const narrow = await systemToken(clients.narrow, 'system/Patient.rs');
    expect((await get(narrow, `${kick}?_type=Observation`, ASYNC)).statusCode).toBe(403);
    const n = await untilDone(narrow, await kickoff(narrow, kick));
    expect(n.output.map((o) => o.type)).toEqual(['Patient']);
  });

  it('refuses a patient’s token and a missing token', async () => {
    // In an organization of its own, so org A's patient list stays as the other tests expect.
    const patient = await createUser(ctx, 'patient', { orgId: await createOrganization(ctx.database) });
    const agent = await signIn(ctx.app, patient.email);
    const { app } = await registerApp(ctx);
    const token = await launch(ctx, agent, {
      clientId: app.clientId,
      scope: 'openid fhirUser launch/patient patient/*.rs',
      patientId: patient.patientId ?? '',
    });
    for (const url of [`${FHIR}/Patient/$export`, `${FHIR}/Group/${ctx.orgId}/$export`, `${FHIR}/Group`]) {
      const res = await get(token.access_token, url, ASYNC);
      expect(res.statusCode, url).toBe(403);
    }
    const anonymous = await ctx.app.inject({ method: 'GET', url: `${FHIR}/Patient/$export`, headers: ASYNC });
    expect(anonymous.statusCode).toBe(401);
    // A system token still reads no patient's record through the patient API.
    const system = await systemToken(clients.orgA);
    expect((await get(system, `${FHIR}/Patient/${alice}`)).statusCode).toBe(403);
  });

  it('keeps the status and the files to the client that started the export', async () => {
    const token = await systemToken(clients.orgA);
    const status = await kickoff(token, `${FHIR}/Group/${ctx.orgId}/$export?_type=Patient`);
    const manifest = await untilDone(token, status);
    const other = await systemToken(clients.all, 'system/*.read');
    expect((await get(other, status)).statusCode).toBe(404);
    const file = manifest.output[0]?.url ?? '';
    const stolen = await get(other, pathOf(file));
    expect(stolen.statusCode).toBe(404);
    expect(stolen.body).not.toContain(alice);
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: status, headers: { authorization: `Bearer ${other}` } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('cancel, expiry and restarts', () => {
  it('cancels with DELETE: before it ran, and after it finished (files removed)', async () => {
    const token = await systemToken(clients.orgA);
    const del = (path: string) =>
      ctx.app.inject({ method: 'DELETE', url: path, headers: { authorization: `Bearer ${token}` } });
    const pending = await kickoff(token, `${FHIR}/Group/${ctx.orgId}/$export`);
    expect((await del(pending)).statusCode).toBe(202);
    expect((await get(token, pending)).statusCode).toBe(404);
    await ctx.services.jobs.runDue('bulk-test');
    const id = pending.split('/').pop() ?? '';
    const row = await ctx.database.db
      .selectFrom('bulk_exports')
      .select(['status', 'patients_done'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', patients_done: 0 });

    const done = await kickoff(token, `${FHIR}/Group/${ctx.orgId}/$export?_type=Patient`);
    const manifest = await untilDone(token, done);
    const fileId = (manifest.output[0]?.url ?? '').split('/').pop() ?? '';
    expect((await stat(ctx.services.files.exportPath(fileId))).size).toBeGreaterThan(0);
    expect((await del(done)).statusCode).toBe(202);
    expect((await get(token, done)).statusCode).toBe(404);
    expect((await get(token, pathOf(manifest.output[0]?.url ?? ''))).statusCode).toBe(404);
    await expect(stat(ctx.services.files.exportPath(fileId))).rejects.toThrow(/ENOENT/);
  });

  it('removes expired exports’ files', async () => {
    const token = await systemToken(clients.orgA);
    const status = await kickoff(token, `${FHIR}/Group/${ctx.orgId}/$export?_type=Patient`);
    const manifest = await untilDone(token, status);
    const fileId = (manifest.output[0]?.url ?? '').split('/').pop() ?? '';
    const id = status.split('/').pop() ?? '';
    await ctx.database.db
      .updateTable('bulk_exports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await ctx.services.fhirBulk.service.expire()).toBeGreaterThanOrEqual(1);
    expect((await get(token, status)).statusCode).toBe(404);
    await expect(stat(ctx.services.files.exportPath(fileId))).rejects.toThrow(/ENOENT/);
  });

  it('resumes after a crash mid-export: half-written bytes are cut off, nothing is lost or doubled', async () => {
    const token = await systemToken(clients.orgA);
    const status = await kickoff(token, `${FHIR}/Group/${ctx.orgId}/$export?_type=Patient,Observation`);
    const id = status.split('/').pop() ?? '';
    // Two steps (the directory, then two patients) commit, each handing over to a next job; then
    // the process "dies" in the middle of the third, leaving bytes past the committed size and a held lease.
    expect(await ctx.services.fhirBulk.exporter.runSlice(id, 0)).toBe('continued');
    expect(await ctx.services.fhirBulk.exporter.runSlice(id, 0)).toBe('continued');
    const files = await ctx.database.db
      .selectFrom('bulk_export_files')
      .selectAll()
      .where('export_id', '=', id)
      .execute();
    expect(files.find((f) => f.resource_type === 'Patient')?.line_count).toBe(2);
    for (const f of files)
      await appendFile(ctx.services.files.exportPath(f.file_id), Buffer.from('half-written garbage'));
    await ctx.database.db
      .updateTable('bulk_exports')
      .set({ lease_owner: 'dead-process', lease_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const progress = await get(token, status);
    expect(progress.statusCode).toBe(202);

    // Another process takes the queued continuation and finishes.
    const restarted = createServices(ctx.config, ctx.database, quiet);
    for (let i = 0; i < 50 && (await get(token, status)).statusCode === 202; i++)
      await restarted.jobs.runDue('restarted');
    const manifest = await untilDone(token, status);
    const out = await everything(token, manifest);
    expect(
      out
        .get('Patient')
        ?.map((p) => p['id'])
        .sort(),
    ).toEqual([...orgAPatients].sort());
    expect(new Set(out.get('Observation')?.map((o) => o['id'])).size).toBe(out.get('Observation')?.length);
  });
});
