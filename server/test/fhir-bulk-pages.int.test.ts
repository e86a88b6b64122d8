import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { ensureDemoBilling } from '../src/demo/billing.js';
import { ensureDemoMedications } from '../src/demo/medications.js';
import { ensureDemoOpinions } from '../src/demo/opinions.js';
import { seedDemo } from '../src/demo/seed.js';
import { ensureDemoVisit } from '../src/demo/visit.js';
import { createServices } from '../src/modules.js';
import { Compartment, RESOURCE_TYPES } from '../src/modules/fhir/compartment.js';
import { DIRECTORY_TYPES } from '../src/modules/fhir/bulk/params.js';
import { FhirRepository } from '../src/modules/fhir/repository.js';
import { SHEDDING_OFF } from './context.js';
import { ownDatabase } from './own-database.js';

// Bulk export at hospital size (issue 14): a page of patients is read with one query per resource
// type, however many patients the page holds, and the files say exactly what the FHIR API says
// for each patient — checked against the per-patient compartment (the API's own path) over the
// whole demo record, with pages small enough that every organization spans several of them.
// The demo seeds only into an empty database, so this file makes its own (as fhir-demo does).
let built: BuiltApp;
let database: DatabaseHandle;
let config: Config;
let dropDatabase: (() => Promise<void>) | null = null;
const TOKEN = 'bulk-pages-token';
const PAGE = 3;
const quiet = { warn: () => undefined, error: () => undefined };
const PATIENT_TYPES = RESOURCE_TYPES.filter((t) => !DIRECTORY_TYPES.includes(t));

beforeAll(async () => {
  const own = await ownDatabase('portico_bulk_pages');
  database = own.database;
  dropDatabase = own.drop;
  await migrate(database);
  config = loadConfig({
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_FILES_DIR: await mkdtemp(join(tmpdir(), 'portico-bulk-pages-')),
    PORTICO_FILE_KEY: randomBytes(32).toString('base64'),
    PORTICO_PUBLIC_URL: 'https://portal.example.test',
    PORTICO_BULK_EXPORT_BATCH: String(PAGE),
    ...SHEDDING_OFF,
  });
  await seedDemo(database.db);
  await ensureDemoVisit(database.db);
  await ensureDemoMedications(database.db);
  await ensureDemoBilling(database.db);
  await ensureDemoOpinions(database.db, config.files);
  // Secure messages (the demo's sit in staff pools): a thread with two messages for each patient with an account.
  await sql`
    insert into message_threads (organization_id, patient_id, topic, subject, clinician_id, created_by)
    select p.organization_id, p.id, 'question', 'A question',
           (select c.id from clinicians c where c.organization_id = p.organization_id order by c.id limit 1), p.user_id
    from patients p
    where p.user_id is not null and exists (select 1 from clinicians c where c.organization_id = p.organization_id)`.execute(
    database.db,
  );
  await sql`
    insert into messages (thread_id, author_user_id, author_side, body, created_at)
    select t.id, t.created_by, 'patient', 'Message ' || n, now() - n * interval '1 hour'
    from message_threads t cross join generate_series(1, 2) n`.execute(database.db);
  built = await buildApp(config, database, false);
  await built.app.ready();
  // A backend client registered for no organization, and a stand-in for the SMART token check.
  const client = await database.db
    .insertInto('smart_apps')
    .values({
      client_id: `bulk-pages-${randomUUID()}`,
      name: 'Bulk pages test',
      kind: 'backend',
      auth_method: 'private_key_jwt',
      jwks_uri: 'https://warehouse.example.test/jwks.json',
      scopes: 'system/*.rs',
    })
    .returning(['id', 'client_id'])
    .executeTakeFirstOrThrow();
  built.services.fhir.setBearerVerifier(async (token) =>
    token === TOKEN
      ? {
          userId: client.id,
          patientId: null,
          scopes: ['system/*.rs'],
          clientId: client.client_id,
          appName: 'Bulk pages test',
          organizationId: null,
        }
      : null,
  );
}, 180_000);

afterAll(async () => {
  await built?.app.close();
  await database?.close();
  await dropDatabase?.();
});

const headers = { authorization: `Bearer ${TOKEN}`, prefer: 'respond-async', accept: 'application/fhir+json' };

/** Starts a group export and returns its id (the job is queued, not run). */
async function kickoff(orgId: string, query = ''): Promise<string> {
  const res = await built.app.inject({ method: 'GET', url: `/fhir/R4/Group/${orgId}/$export${query}`, headers });
  expect(res.statusCode, res.body).toBe(202);
  return String(res.headers['content-location']).split('/').pop() ?? '';
}

interface Manifest {
  output: { type: string; url: string; count: number }[];
}

/** Polls the status until the manifest, running due jobs in between; returns each type's raw NDJSON. */
async function files(exportId: string): Promise<Map<string, string>> {
  let manifest: Manifest | null = null;
  for (let poll = 0; poll < 500 && !manifest; poll++) {
    const res = await built.app.inject({ method: 'GET', url: `/fhir/R4/$export-status/${exportId}`, headers });
    if (res.statusCode === 200) manifest = res.json<Manifest>();
    else {
      expect(res.statusCode, res.body).toBe(202);
      await built.services.jobs.runDue('bulk-pages-test');
    }
  }
  if (!manifest) throw new Error('the export never finished');
  const out = new Map<string, string>();
  for (const o of manifest.output) {
    const res = await built.app.inject({ method: 'GET', url: new URL(o.url).pathname, headers });
    expect(res.statusCode).toBe(200);
    out.set(o.type, res.body);
  }
  return out;
}

/** What the FHIR API serves for each patient of the organization, in patient id order: the NDJSON an export must hold. */
async function expected(orgId: string, exportId: string): Promise<Map<string, string>> {
  const exp = await database.db
    .selectFrom('bulk_exports')
    .select('transaction_time')
    .where('id', '=', exportId)
    .executeTakeFirstOrThrow();
  const repo = new FhirRepository(database.db, built.services.files.fields);
  const ids = await database.db
    .selectFrom('patients')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('created_at', '<=', exp.transaction_time)
    .orderBy('id')
    .execute();
  const out = new Map<string, string>();
  const baseUrl = config.publicUrl.replace(/\/$/, '');
  for (const { id } of ids) {
    const patient = await repo.patient(id);
    if (!patient) throw new Error(`no patient ${id}`);
    const compartment = new Compartment(repo, built.services.resultRecord, patient, baseUrl, exp.transaction_time);
    for (const type of PATIENT_TYPES) {
      for (const r of await compartment.all(type)) out.set(type, `${out.get(type) ?? ''}${JSON.stringify(r)}\n`);
    }
  }
  return out;
}

describe('bulk export a page at a time', () => {
  it('writes exactly what the API serves for each patient, in patient order, across pages', async () => {
    const orgs = await database.db.selectFrom('organizations').select('id').orderBy('id').execute();
    const seen = new Set<string>();
    let patients = 0;
    for (const { id: orgId } of orgs) {
      const exportId = await kickoff(orgId);
      const got = await files(exportId);
      const want = await expected(orgId, exportId);
      for (const type of PATIENT_TYPES) {
        expect(got.get(type) ?? '', `${type} of organization ${orgId}`).toBe(want.get(type) ?? '');
        if (want.has(type)) seen.add(type);
      }
      patients += (want.get('Patient') ?? '').split('\n').length - 1;
      for (const type of DIRECTORY_TYPES) expect(got.has(type), type).toBe(true);
    }
    // The demo record gives every type Portico keeps at least one resource, over several pages.
    const empty = ['AllergyIntolerance', 'Condition', 'Immunization'];
    expect([...seen].sort()).toEqual(PATIENT_TYPES.filter((t) => !empty.includes(t)).sort());
    expect(patients).toBeGreaterThan(PAGE * orgs.length);
  });

  it('keeps _since working on a page', async () => {
    const [org] = await database.db.selectFrom('organizations').select('id').orderBy('id').limit(1).execute();
    const orgId = org?.id ?? '';
    const exportId = await kickoff(orgId, `?_type=Patient,Observation&_since=${new Date().toISOString()}`);
    const got = await files(exportId);
    expect([...got.keys()].filter((t) => !DIRECTORY_TYPES.includes(t as never))).toEqual([]);
  });

  it('cuts a crashed runner’s bytes off a file that the rest of the export never writes again', async () => {
    const [org] = await database.db.selectFrom('organizations').select('id').orderBy('id').limit(1).execute();
    const orgId = org?.id ?? '';
    const exportId = await kickoff(orgId, '?_type=Patient,Organization');
    // The directory step commits (the Organization file is complete), then the runner dies
    // after writing past that commit; a file is opened only when a step writes to it.
    expect(await built.services.fhirBulk.exporter.runSlice(exportId, 0)).toBe('continued');
    const file = await database.db
      .selectFrom('bulk_export_files')
      .select('file_id')
      .where('export_id', '=', exportId)
      .where('resource_type', '=', 'Organization')
      .executeTakeFirstOrThrow();
    await appendFile(built.services.files.exportPath(file.file_id), Buffer.from('half-written garbage'));
    const got = await files(exportId);
    expect(JSON.parse(got.get('Organization') ?? '{}')).toMatchObject({ resourceType: 'Organization', id: orgId });
    expect(got.get('Patient')).toBe((await expected(orgId, exportId)).get('Patient'));
  });

  it('reads each resource type once per page, however many patients the page holds', async () => {
    // Two organizations of synthetic patients with lab results and vital signs: 4 and 40.
    const orgOf = async (n: number): Promise<string> => {
      const org = await database.db
        .insertInto('organizations')
        .values({
          slug: `bulk-pages-${randomUUID().slice(0, 8)}`,
          name: `Bulk Pages ${n}`,
          time_zone: 'America/New_York',
          tech_help_phone: '617-555-0100',
          tech_help_email: 'help@pages.example',
          billing_phone: '617-555-0101',
          settings: '{}',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`
        insert into patients (organization_id, given_name, family_name, birth_date, preferred_language)
        select ${org.id}::uuid, 'Synthetic', 'Patient' || g, date '1950-01-01' + g, 'en'
        from generate_series(1, ${n}) g`.execute(database.db);
      await sql`
        insert into diagnostic_reports (organization_id, patient_id, code, name, category, status, effective_at, issued_at, released_at, source)
        select organization_id, id, '2345-7', 'Glucose', 'lab', 'final', now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', 'entered'
        from patients where organization_id = ${org.id}::uuid`.execute(database.db);
      await sql`
        insert into observations (report_id, patient_id, position, code, name, value_numeric, unit, effective_at)
        select id, patient_id, 0, '2345-7', 'Glucose', 95, 'mg/dL', effective_at
        from diagnostic_reports where organization_id = ${org.id}::uuid`.execute(database.db);
      await sql`
        insert into vital_signs (organization_id, patient_id, kind, value, status, effective_at, source)
        select organization_id, id, 'heart-rate', 72, 'final', now() - interval '3 days', 'entered'
        from patients where organization_id = ${org.id}::uuid`.execute(database.db);
      return org.id;
    };
    const small = await orgOf(4);
    const large = await orgOf(40);

    // Another process runs the jobs, its every query counted: pages of 100, so each export is one page.
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counting = createServices(
      { ...config, bulkExport: { ...config.bulkExport, batchSize: 100 } },
      { ...database, db: database.db.withPlugin(counter) },
      quiet,
    );
    const run = async (orgId: string) => {
      const exportId = await kickoff(orgId);
      queries = 0;
      for (let i = 0; i < 10 && (await counting.fhirBulk.exporter.runSlice(exportId)) === 'continued'; i++);
      const used = queries;
      return { queries: used, files: await files(exportId), want: await expected(orgId, exportId) };
    };
    const a = await run(small);
    const b = await run(large);
    expect(a.files.get('Patient')?.split('\n').length).toBe(5);
    expect(b.files.get('Patient')?.split('\n').length).toBe(41);
    expect(b.files.get('Observation')?.split('\n').length).toBe(81);
    for (const type of ['Patient', 'Observation', 'DiagnosticReport', 'DocumentReference', 'Provenance'])
      expect(b.files.get(type), type).toBe(b.want.get(type));
    expect(a.queries).toBeGreaterThan(0);
    expect(b.queries).toBe(a.queries);
  });
});
