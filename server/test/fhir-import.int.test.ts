import type { ImportedResults, ResultReport } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type Agent, type TestContext, type TestUser } from './context.js';
import { fhirErrors } from './fhir-validator.js';

// Issue 14 item 4: results import takes real-world bundles (Patient by MRN, resources Portico
// does not keep listed as ignored, dataAbsentReason, hasMember panels, valueCodeableConcept).
let ctx: TestContext;
let patient: TestUser;
let mrn: string;
let care: Agent;
let own: Agent;

const LAB = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }];
const AT = '2026-11-20T08:30:00-05:00';

function realWorldBundle(patientMrn: string, tag: string) {
  const subject = { reference: 'urn:uuid:patient' };
  const obs = (url: string, over: Record<string, unknown>) => ({
    fullUrl: url,
    resource: { resourceType: 'Observation', status: 'final', subject, effectiveDateTime: AT, ...over },
  });
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:patient',
        resource: {
          resourceType: 'Patient',
          identifier: [
            {
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
              system: 'urn:oid:2.16.840.1.113883.19.5',
              value: patientMrn,
            },
          ],
          name: [{ family: 'Test', given: ['Pat'] }],
        },
        request: { method: 'PUT', url: `Patient?identifier=${patientMrn}` },
      },
      { fullUrl: 'urn:uuid:prac', resource: { resourceType: 'Practitioner', name: [{ family: 'Okafor' }] } },
      { fullUrl: 'urn:uuid:enc', resource: { resourceType: 'Encounter', status: 'finished', subject } },
      { fullUrl: 'urn:uuid:cond', resource: { resourceType: 'Condition', subject, code: { text: 'Type 2 diabetes' } } },
      {
        fullUrl: 'urn:uuid:med',
        resource: { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject },
      },
      { fullUrl: 'urn:uuid:spec', resource: { resourceType: 'Specimen', type: { text: 'Serum' }, subject } },
      {
        fullUrl: 'urn:uuid:report',
        resource: {
          resourceType: 'DiagnosticReport',
          identifier: [{ system: 'urn:test:lab', value: `cmp-${tag}` }],
          status: 'final',
          category: LAB,
          code: { coding: [{ system: 'http://loinc.org', code: '24323-8' }], text: 'Comprehensive metabolic panel' },
          subject,
          effectiveDateTime: AT,
          issued: AT,
          result: [{ reference: 'urn:uuid:panel' }, { reference: 'urn:uuid:color' }],
        },
      },
      obs('urn:uuid:panel', {
        code: { coding: [{ system: 'http://loinc.org', code: '24323-8' }], text: 'Comprehensive metabolic panel' },
        hasMember: [{ reference: 'urn:uuid:glucose' }, { reference: 'urn:uuid:potassium' }],
      }),
      obs('urn:uuid:glucose', {
        code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }], text: 'Glucose' },
        valueQuantity: { value: 112, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
        referenceRange: [{ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } }],
        specimen: { reference: 'urn:uuid:spec' },
      }),
      obs('urn:uuid:potassium', {
        code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }], text: 'Potassium' },
        dataAbsentReason: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' },
          ],
          text: 'specimen hemolyzed',
        },
      }),
      obs('urn:uuid:color', {
        code: { coding: [{ system: 'http://loinc.org', code: '5778-6' }], text: 'Color of Urine' },
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '371244009', display: 'Yellow' }] },
      }),
    ],
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  patient = await createUser(ctx, 'patient');
  const row = await ctx.database.db
    .selectFrom('patients')
    .select('mrn')
    .where('id', '=', patient.patientId ?? '')
    .executeTakeFirstOrThrow();
  mrn = row.mrn;
  care = await signIn(ctx.app, (await createUser(ctx, 'clinician')).email);
  own = await signIn(ctx.app, patient.email);
});
afterAll(() => ctx?.close());

describe('importing a real-world bundle', () => {
  it('stores the results, lists what it ignored, and shows "no value" with its reason', async () => {
    const res = await care.inject(
      'POST',
      `/api/patients/${patient.patientId}/results/fhir`,
      realWorldBundle(mrn, 'ok'),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<ImportedResults>();
    expect(body.results).toHaveLength(1);
    expect(body.ignored?.map((i) => i.resourceType)).toEqual([
      'Practitioner',
      'Encounter',
      'Condition',
      'MedicationRequest',
      'Specimen',
    ]);
    const id = body.results[0]?.id ?? '';
    const report = (await own.inject('GET', `/api/results/${id}`)).json<ResultReport>();
    expect(report.observations.map((o) => [o.name, o.value, o.valueText, o.dataAbsentReason ?? null])).toEqual([
      ['Glucose', 112, null, null],
      ['Potassium', null, null, 'specimen hemolyzed'],
      ['Color of Urine', null, 'Yellow', null],
    ]);

    // The same values come back out through /fhir/R4, valid R4.
    const out = await own.inject('GET', '/fhir/R4/Observation?code=2823-3');
    const potassium = out.json<{ entry: { resource: Record<string, unknown> }[] }>().entry[0]?.resource;
    expect(potassium?.['dataAbsentReason']).toMatchObject({ text: 'specimen hemolyzed' });
    expect(potassium?.['valueQuantity']).toBeUndefined();
    expect(fhirErrors(potassium)).toEqual([]);
  });

  it('refuses a bundle with real errors whole, every problem listed, nothing saved', async () => {
    const before = await ctx.database.db
      .selectFrom('diagnostic_reports')
      .select(ctx.database.db.fn.countAll<string>().as('n'))
      .where('patient_id', '=', patient.patientId ?? '')
      .executeTakeFirstOrThrow();
    const bad = realWorldBundle('987654321', 'bad');
    const potassium = bad.entry.find((e) => e.fullUrl === 'urn:uuid:potassium')?.resource as Record<string, unknown>;
    potassium['valueQuantity'] = { value: 4.1, unit: 'mmol/L' };
    const res = await care.inject('POST', `/api/patients/${patient.patientId}/results/fhir`, bad);
    expect(res.statusCode).toBe(422);
    const fields = res.json<{ code: string; errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'entry[0].resource.identifier',
        'entry[6].resource.subject.reference',
        'entry[9].resource.dataAbsentReason',
      ]),
    );
    const after = await ctx.database.db
      .selectFrom('diagnostic_reports')
      .select(ctx.database.db.fn.countAll<string>().as('n'))
      .where('patient_id', '=', patient.patientId ?? '')
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
