import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { ensureDemoBilling } from '../src/demo/billing.js';
import { ensureDemoInternational } from '../src/demo/international.js';
import { ensureDemoMedications } from '../src/demo/medications.js';
import { ensureDemoOpinions } from '../src/demo/opinions.js';
import { seedDemo } from '../src/demo/seed.js';
import { ensureDemoVisit } from '../src/demo/visit.js';
import { RESOURCE_TYPES } from '../src/modules/fhir/compartment.js';
import { SHEDDING_OFF } from './context.js';
import { ownDatabase } from './own-database.js';
import { fhirErrors } from './fhir-validator.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every resource the API emits for every demo patient, checked by an independent validator.
// The demo seeds only into an empty database, so this file makes its own: a fresh PGlite, or on
// PostgreSQL a database of its own that it drops afterwards.
let built: BuiltApp;
let database: DatabaseHandle;
let dropDatabase: (() => Promise<void>) | null = null;
const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';

/** Must-support elements per US Core profile that Portico fills (checked on every resource). */
const MUST_SUPPORT: Record<string, string[]> = {
  'us-core-patient': ['identifier', 'name', 'gender', 'birthDate', 'communication'],
  'us-core-practitioner': ['identifier', 'name'],
  'us-core-practitionerrole': ['practitioner', 'organization', 'code', 'specialty', 'location', 'telecom'],
  'us-core-organization': ['identifier', 'active', 'name', 'telecom'],
  'us-core-location': ['status', 'name', 'telecom', 'managingOrganization'],
  'us-core-observation-lab': ['status', 'category', 'code', 'subject', 'effectiveDateTime', 'issued'],
  'us-core-diagnosticreport-lab': [
    'status',
    'category',
    'code',
    'subject',
    'effectiveDateTime',
    'issued',
    'performer',
    'result',
  ],
  'us-core-diagnosticreport-note': [
    'status',
    'category',
    'code',
    'subject',
    'effectiveDateTime',
    'issued',
    'performer',
    'presentedForm',
  ],
  'us-core-medicationrequest': [
    'status',
    'intent',
    'reportedBoolean',
    'medicationReference',
    'subject',
    'authoredOn',
    'requester',
    'dosageInstruction',
    'dispenseRequest',
  ],
  'us-core-medication': ['code'],
  'us-core-encounter': [
    'identifier',
    'status',
    'class',
    'type',
    'subject',
    'participant',
    'period',
    'location',
    'serviceProvider',
  ],
  'us-core-coverage': [
    'identifier',
    'status',
    'type',
    'subscriberId',
    'beneficiary',
    'relationship',
    'period',
    'payor',
    'class',
  ],
  'us-core-documentreference': ['identifier', 'status', 'type', 'category', 'subject', 'date', 'author', 'content'],
  'us-core-servicerequest': ['status', 'intent', 'category', 'code', 'subject', 'authoredOn', 'requester'],
  'us-core-provenance': ['target', 'recorded', 'agent'],
  // Vital signs (US Core 6.1 vital-signs profiles): a value, or a blood pressure's two components.
  'us-core-blood-pressure': ['status', 'category', 'code', 'subject', 'effectiveDateTime', 'component'],
  ...Object.fromEntries(
    [
      'us-core-heart-rate',
      'us-core-respiratory-rate',
      'us-core-body-temperature',
      'us-core-body-weight',
      'us-core-body-height',
      'us-core-bmi',
      'us-core-pulse-oximetry',
    ].map((p) => [p, ['status', 'category', 'code', 'subject', 'effectiveDateTime', 'valueQuantity']]),
  ),
};

let patientIds: string[] = [];

beforeAll(async () => {
  const own = await ownDatabase('portico_fhir_demo');
  database = own.database;
  dropDatabase = own.drop;
  await migrate(database);
  const config = loadConfig({
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_FILES_DIR: await mkdtemp(join(tmpdir(), 'portico-fhir-files-')),
    PORTICO_FILE_KEY: randomBytes(32).toString('base64'),
    PORTICO_PUBLIC_URL: 'https://portal.example.test',
    ...SHEDDING_OFF,
  });
  await seedDemo(database.db);
  await ensureDemoVisit(database.db);
  await ensureDemoMedications(database.db);
  await ensureDemoBilling(database.db);
  await ensureDemoInternational(database.db);
  await ensureDemoOpinions(database.db, config.files);
  built = await buildApp(config, database, false);
  await built.app.ready();
  patientIds = (await database.db.selectFrom('patients').select('id').execute()).map((p) => p.id);
  // A stand-in for the SMART module's token check: the token is the patient id it grants.
  built.services.fhir.setBearerVerifier(async (token) =>
    patientIds.includes(token)
      ? {
          userId: await userFor(token),
          patientId: token,
          scopes: ['patient/*.rs'],
          clientId: 'demo-test',
          appName: 'Demo test app',
        }
      : null,
  );
}, 180_000);

async function userFor(patientId: string): Promise<string> {
  const row = await database.db.selectFrom('patients').select('user_id').where('id', '=', patientId).executeTakeFirst();
  if (row?.user_id) return row.user_id;
  const any = await database.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'patient')
    .executeTakeFirstOrThrow();
  return any.id;
}

afterAll(async () => {
  await built?.app.close();
  await database?.close();
  await dropDatabase?.();
});

describe('every demo patient through /fhir/R4', () => {
  it('emits only resources the R4 validator accepts, with US Core must-support elements filled', async () => {
    expect(patientIds.length).toBeGreaterThan(5);
    const seen = new Map<string, number>();
    const profilesSeen = new Set<string>();
    const errors: string[] = [];
    for (const patientId of patientIds) {
      for (const type of RESOURCE_TYPES) {
        const res = await built.app.inject({
          method: 'GET',
          url: `/fhir/R4/${type}?_count=500`,
          headers: { authorization: `Bearer ${patientId}` },
        });
        expect(res.statusCode, `${type} for ${patientId}: ${res.body.slice(0, 300)}`).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
        const bundle = res.json<{ total: number; entry: { resource: Record<string, unknown> }[] }>();
        for (const e of fhirErrors(bundle)) errors.push(`${type} bundle: ${e}`);
        for (const { resource } of bundle.entry) {
          seen.set(type, (seen.get(type) ?? 0) + 1);
          for (const e of fhirErrors(resource)) errors.push(`${type}/${String(resource['id'])}: ${e}`);
          const profiles = ((resource['meta'] as { profile?: string[] } | undefined)?.profile ?? []).map((p) =>
            p.replace(US_CORE, ''),
          );
          for (const profile of profiles) {
            profilesSeen.add(profile);
            for (const element of MUST_SUPPORT[profile] ?? []) {
              if (resource[element] === undefined)
                errors.push(`${type}/${String(resource['id'])}: ${profile} needs ${element}`);
            }
          }
        }
      }
    }
    expect(errors).toEqual([]);
    // The demo record reaches these types (the others are valid empty searches; the demo has no
    // messages, so fhir.int.test.ts validates Communication).
    for (const type of [
      'Patient',
      'Practitioner',
      'PractitionerRole',
      'Organization',
      'Location',
      'Observation',
      'DiagnosticReport',
      'MedicationRequest',
      'Medication',
      'Encounter',
      'Appointment',
      'Coverage',
      'DocumentReference',
      'ServiceRequest',
      'Provenance',
    ]) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    // Every kind of vital sign the demo records was emitted (and validated above).
    for (const profile of [
      'us-core-blood-pressure',
      'us-core-heart-rate',
      'us-core-respiratory-rate',
      'us-core-body-temperature',
      'us-core-body-weight',
      'us-core-body-height',
      'us-core-bmi',
      'us-core-pulse-oximetry',
    ]) {
      expect(profilesSeen, profile).toContain(profile);
    }
  }, 600_000);

  it('answers Patient/$everything for the granted patient with valid resources only', async () => {
    const eleanor = await database.db
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select('p.id')
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirstOrThrow();
    const res = await built.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient/${eleanor.id}/$everything`,
      headers: { authorization: `Bearer ${eleanor.id}` },
    });
    expect(res.statusCode).toBe(200);
    const bundle = res.json<{ entry: { resource: { resourceType: string } }[] }>();
    expect(fhirErrors(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of ['Patient', 'Observation', 'DiagnosticReport', 'MedicationRequest', 'Encounter', 'Coverage'])
      expect(types).toContain(t);
  });

  it('validates the CapabilityStatement', async () => {
    const res = await built.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(res.statusCode).toBe(200);
    expect(fhirErrors(res.json())).toEqual([]);
  });
});
