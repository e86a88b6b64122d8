import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_PASSWORD } from '../src/demo/data.js';
import { ensureDemoMedications } from '../src/demo/medications.js';
import { seedDemo } from '../src/demo/seed.js';
import { ensureDemoVisit } from '../src/demo/visit.js';
import type { AuditEntry } from '../src/modules/audit/service.js';
import { createUser, signIn, SHEDDING_OFF, type Agent, type TestContext } from './context.js';
import { ownDatabase } from './own-database.js';
import { fhirErrors } from './fhir-validator.js';
import { shareWith, signedInPatient, type PatientAgent } from './profile-fixtures.js';

// "Download my record" (docs/decisions/0043): the demo patient's whole record as a FHIR Bundle and a
// PDF summary, behind step-up, for the patient or a proxy, audited before any byte leaves.
// The demo seeds only into an empty database, so this file makes its own (as fhir-demo does).
const DEMO_EMAIL = 'patient@example.org';
let built: BuiltApp;
let database: DatabaseHandle;
let dropDatabase: (() => Promise<void>) | null = null;
let ctx: TestContext;
let eleanor: PatientAgent;

beforeAll(async () => {
  const own = await ownDatabase('portico_record');
  database = own.database;
  dropDatabase = own.drop;
  await migrate(database);
  const config = loadConfig({
    PORTICO_LOG_LEVEL: process.env['RD_LOG'] ?? 'silent',
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_FILES_DIR: await mkdtemp(join(tmpdir(), 'portico-record-files-')),
    PORTICO_FILE_KEY: randomBytes(32).toString('base64'),
    PORTICO_PUBLIC_URL: 'https://portal.example.test',
    PORTICO_AUTH_RATE_LIMIT: '1000',
    ...SHEDDING_OFF,
  });
  await seedDemo(database.db);
  await ensureDemoVisit(database.db);
  await ensureDemoMedications(database.db);
  built = await buildApp(config, database, false);
  await built.app.ready();
  const demo = await database.db
    .selectFrom('patients as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.id', 'p.organization_id', 'u.id as userId'])
    .where('u.email', '=', DEMO_EMAIL)
    .executeTakeFirstOrThrow();
  ctx = {
    app: built.app,
    services: built.services,
    compileSerializers: built.compileSerializers,
    database,
    config,
    orgId: demo.organization_id,
    close: async () => undefined,
  };
  eleanor = {
    id: demo.id,
    user: { id: demo.userId, email: DEMO_EMAIL, patientId: demo.id } as PatientAgent['user'],
    agent: await signIn(built.app, DEMO_EMAIL, DEMO_PASSWORD),
  };
}, 180_000);

afterAll(async () => {
  await built?.app.close();
  await database?.close();
  await dropDatabase?.();
});
afterEach(() => vi.restoreAllMocks());

const download = (agent: Agent, patientId: string, format: string) =>
  agent.inject('GET', `/api/patients/${patientId}/record/download?format=${format}`);

interface Bundle {
  resourceType: string;
  type: string;
  entry: { fullUrl: string; resource: { resourceType: string; id: string } }[];
}

async function downloads(patientId: string, outcome: 'allowed' | 'denied') {
  return database.db
    .selectFrom('audit_events')
    .select(['actor_user_id', 'detail', 'outcome'])
    .where('action', '=', 'record.download')
    .where('patient_id', '=', patientId)
    .where('outcome', '=', outcome)
    .execute();
}

async function pdfText(pdf: Buffer): Promise<string> {
  const child = promisify(execFile)('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' });
  child.child.stdin?.end(pdf);
  return (await child).stdout;
}

/** Makes the session's last sign-in or re-authentication older than the step-up window. */
async function staleStepUp(userId: string): Promise<void> {
  await database.db
    .updateTable('sessions')
    .set({ reauthenticated_at: new Date(Date.now() - 6 * 60_000) })
    .where('user_id', '=', userId)
    .execute();
}

describe('download my record', () => {
  it('gives the demo patient the whole record as a valid FHIR collection Bundle, audited', async () => {
    const before = (await downloads(eleanor.id, 'allowed')).length;
    const res = await download(eleanor.agent, eleanor.id, 'fhir');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="health-record-[A-Z0-9-]+-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const bundle = res.json<Bundle>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(fhirErrors(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of ['Patient', 'Observation', 'DiagnosticReport', 'MedicationRequest', 'Appointment', 'Encounter'])
      expect(types, t).toContain(t);
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Patient').map((e) => e.resource.id)).toEqual([
      eleanor.id,
    ]);
    // The same resources as Patient/$everything: one mapping for the API and the download.
    const everything = await eleanor.agent.inject('GET', `/fhir/R4/Patient/${eleanor.id}/$everything`);
    const key = (e: Bundle['entry'][number]) => `${e.resource.resourceType}/${e.resource.id}`;
    expect(bundle.entry.map(key).sort()).toEqual(everything.json<Bundle>().entry.map(key).sort());
    const rows = await downloads(eleanor.id, 'allowed');
    expect(rows).toHaveLength(before + 1);
    expect(rows.map((r) => [r.actor_user_id, r.detail])).toContainEqual([eleanor.user.id, { format: 'fhir' }]);
  });

  it('gives a PDF summary in the patient language with medications, results and visits', async () => {
    const res = await download(eleanor.agent, eleanor.id, 'pdf');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="health-record-[A-Z0-9-]+-[\d-]+\.pdf"$/);
    const text = await pdfText(res.rawPayload);
    const medication = await database.db
      .selectFrom('medication_requests')
      .select('medication_name')
      .where('patient_id', '=', eleanor.id)
      .executeTakeFirstOrThrow();
    const report = await database.db
      .selectFrom('diagnostic_reports')
      .select('name')
      .where('patient_id', '=', eleanor.id)
      .where('released_at', '<=', new Date())
      .orderBy('effective_at', 'desc')
      .executeTakeFirstOrThrow();
    for (const words of [
      'Health record summary',
      'Eleanor',
      'Whitfield',
      'private health information',
      'Medications',
      medication.medication_name,
      'Recent test results',
      report.name,
      'Upcoming visits',
      'Past visits',
      'No allergies are listed.',
    ]) {
      expect(text, words).toContain(words);
    }
    expect((await downloads(eleanor.id, 'allowed')).map((r) => r.detail)).toContainEqual({ format: 'pdf' });

    // In the patient's language (Spanish here), dates and headings included.
    const patch = await eleanor.agent.inject('PATCH', '/api/profile', { preferredLanguage: 'es' });
    expect(patch.statusCode, patch.body).toBe(200);
    try {
      const es = await pdfText((await download(eleanor.agent, eleanor.id, 'pdf')).rawPayload);
      expect(es).toContain('Resumen de la historia clínica');
      expect(es).toContain('Medicamentos');
      expect(es).toContain('Próximas consultas');
      expect(es).not.toContain('Health record summary');
    } finally {
      await eleanor.agent.inject('PATCH', '/api/profile', { preferredLanguage: 'en' });
    }
  });

  it('needs step-up: an old sign-in gets step_up_required for both formats until the password is given again', async () => {
    const p = await signedInPatient(ctx);
    await staleStepUp(p.user.id);
    for (const format of ['fhir', 'pdf']) {
      const refused = await download(p.agent, p.id, format);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'step_up_required' });
    }
    expect(await downloads(p.id, 'allowed')).toEqual([]);
    expect(await downloads(p.id, 'denied')).toHaveLength(2);
    expect((await p.agent.inject('POST', '/api/auth/step-up', { password: 'Correct-horse-42' })).statusCode).toBe(200);
    const ok = await download(p.agent, p.id, 'fhir');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Bundle>().entry.map((e) => e.resource.id)).toContain(p.id);
  });

  it('needs the same step-up for Patient/$everything through a portal session (no way round the download)', async () => {
    const p = await signedInPatient(ctx);
    const everything = () => p.agent.inject('GET', `/fhir/R4/Patient/${p.id}/$everything`);
    expect((await everything()).statusCode).toBe(200);
    await staleStepUp(p.user.id);
    const refused = await everything();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    expect(refused.body).not.toContain(p.id);
    const denied = await database.db
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'fhir.everything')
      .where('patient_id', '=', p.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((r) => r.detail)).toEqual([{ reason: 'step_up_required' }]);
    expect((await p.agent.inject('POST', '/api/auth/step-up', { password: 'Correct-horse-42' })).statusCode).toBe(200);
    const ok = await everything();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Bundle>().entry.map((e) => e.resource.id)).toContain(p.id);
  });

  it('lets a proxy download the record they act for; a limited proxy gets only their areas', async () => {
    const proxy = await signedInPatient(ctx);
    await shareWith(eleanor, proxy, 'full');
    const res = await download(proxy.agent, eleanor.id, 'fhir');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const patients = res.json<Bundle>().entry.filter((e) => e.resource.resourceType === 'Patient');
    expect(patients.map((e) => e.resource.id)).toEqual([eleanor.id]);
    expect((await downloads(eleanor.id, 'allowed')).filter((r) => r.actor_user_id === proxy.user.id)).toHaveLength(1);
    const pdf = await download(proxy.agent, eleanor.id, 'pdf');
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload)).toContain('Whitfield');

    const limited = await signedInPatient(ctx);
    await shareWith(eleanor, limited, ['appointments']);
    const some = await download(limited.agent, eleanor.id, 'fhir');
    expect(some.statusCode).toBe(200);
    const types = new Set(some.json<Bundle>().entry.map((e) => e.resource.resourceType));
    expect(types).toContain('Appointment');
    for (const hidden of ['Observation', 'MedicationRequest', 'Patient', 'Communication'])
      expect(types).not.toContain(hidden);
  });

  it('answers 404 for any other record, and audits the refusal', async () => {
    const stranger = await signedInPatient(ctx);
    for (const format of ['fhir', 'pdf']) {
      const res = await download(stranger.agent, eleanor.id, format);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Whitfield');
    }
    const refused = await downloads(eleanor.id, 'denied');
    expect(refused.filter((r) => r.actor_user_id === stranger.user.id)).toHaveLength(2);
    // Workforce accounts have no "my record" to download.
    const clinician = await signIn(built.app, (await createUser(ctx, 'clinician')).email);
    expect((await download(clinician, eleanor.id, 'fhir')).statusCode).toBe(403);
    expect((await download(eleanor.agent, eleanor.id, 'docx')).statusCode).toBe(400);
  });

  it('sends nothing when its audit row cannot be committed', async () => {
    const audit = built.services.audit;
    const original = audit.record.bind(audit);
    const before = (await downloads(eleanor.id, 'allowed')).length;
    for (const when of ['instead', 'after-insert'] as const) {
      vi.spyOn(audit, 'record').mockImplementation(async (caller, entry: AuditEntry, trx) => {
        if (entry.action !== 'record.download') return original(caller, entry, trx);
        if (when === 'after-insert') await original(caller, entry, trx);
        throw new Error(`injected: audit of record.download failed (${when})`);
      });
      for (const format of ['fhir', 'pdf']) {
        const res = await download(eleanor.agent, eleanor.id, format);
        expect(res.statusCode, `${when} ${format}`).toBe(500);
        expect(res.body).not.toContain('Whitfield');
      }
      vi.restoreAllMocks();
    }
    // The row written just before the injected crash rolled back with its transaction.
    expect(await downloads(eleanor.id, 'allowed')).toHaveLength(before);
  });
});
