import { describe, expect, it } from 'vitest';
import { parseBundle } from './fhir.js';

const PATIENT = '0b7f3c1e-8a2d-4f61-9c3e-2d5a7b9e1f00';
const NOW = new Date('2026-12-01T12:00:00Z');
const TARGET = { id: PATIENT, mrn: '123456789' };
const subject = { reference: `Patient/${PATIENT}` };

function observation(over: Record<string, unknown> = {}) {
  return {
    resourceType: 'Observation',
    id: 'glu',
    status: 'final',
    subject,
    code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }] },
    valueQuantity: { value: 112, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
    referenceRange: [{ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } }],
    ...over,
  };
}

function report(over: Record<string, unknown> = {}) {
  return {
    resourceType: 'DiagnosticReport',
    id: 'bmp',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'CH' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '51990-0' }], text: 'Basic metabolic panel' },
    subject,
    effectiveDateTime: '2026-11-20',
    issued: '2026-11-20T15:02:00Z',
    result: [{ reference: 'Observation/glu' }],
    ...over,
  };
}

const bundle = (...resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: resources.map((resource) => ({ resource, request: { method: 'POST', url: 'Observation' } })),
});

function problems(input: unknown): string[] {
  const out = parseBundle(input, TARGET, NOW);
  if (out.ok) throw new Error('expected problems');
  return out.problems.map((p) => `${p.field}: ${p.message}`);
}

describe('FHIR bundle import', () => {
  it('reads a report and its observations, resolving references by resource id', () => {
    const out = parseBundle(bundle(report(), observation()), TARGET, NOW);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.paths).toEqual(['entry[0].resource']);
    const [r] = out.reports;
    expect(r).toMatchObject({
      code: '51990-0',
      name: 'Basic metabolic panel',
      category: 'lab',
      status: 'final',
      externalId: 'id|bmp',
    });
    // A date without a time is noon UTC, so it stays the same calendar day in US time zones.
    expect(r?.effectiveAt.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(r?.observations).toEqual([
      expect.objectContaining({
        code: '2345-7',
        name: 'Glucose',
        value: 112,
        unit: 'mg/dL',
        low: 70,
        high: 99,
        flag: 'H',
        effectiveAt: r?.effectiveAt,
      }),
    ]);
  });

  it('keeps text values, bounds like "<0.1", and the lab’s own flags', () => {
    const out = parseBundle(
      bundle(
        report({ result: [{ reference: 'Observation/a' }, { reference: 'Observation/b' }] }),
        observation({
          id: 'a',
          valueQuantity: { value: 0.1, comparator: '<', unit: 'ng/mL' },
          referenceRange: undefined,
        }),
        observation({
          id: 'b',
          valueQuantity: undefined,
          valueString: 'Negative',
          interpretation: [{ coding: [{ code: 'A' }] }],
          referenceRange: [{ text: 'Negative' }],
        }),
      ),
      TARGET,
      NOW,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.reports[0]?.observations.map((o) => [o.value, o.valueText, o.unit, o.rangeText, o.flag])).toEqual([
      [null, '<0.1', 'ng/mL', null, null],
      [null, 'Negative', null, 'Negative', 'A'],
    ]);
  });

  it('accepts an imaging report with only a conclusion', () => {
    const xray = report({
      category: [{ coding: [{ code: 'RAD' }] }],
      code: { coding: [{ code: '36643-5', display: 'XR Chest 2 Views' }] },
      result: undefined,
      conclusion: 'No acute disease.',
    });
    const out = parseBundle(bundle(xray), TARGET, NOW);
    expect(out.ok && out.reports[0]).toMatchObject({ category: 'imaging', conclusion: 'No acute disease.' });
  });

  it('lists every problem at once, each with its JSON path', () => {
    const list = problems(
      bundle(
        report({ category: undefined, effectiveDateTime: '2026-02-30', result: [{ reference: 'Observation/nope' }] }),
        observation({ valueQuantity: { value: '112', unit: 'mg/dL' } }),
        observation({ id: 'k', valueQuantity: { value: 4.1 }, status: 'cancelled' }),
        observation({
          id: 'na',
          subject: { reference: 'Patient/someone-else' },
          referenceRange: [{ low: { value: 135, unit: 'mg/dL' } }],
          valueQuantity: { value: 140, unit: 'mmol/L' },
          interpretation: [{ coding: [{ code: 'POS' }] }],
        }),
        { resourceType: 'Patient', id: 'p' },
      ),
    );
    expect(list).toEqual([
      'entry[0].resource.category: Say what kind of report this is: a category coding LAB, RAD or PAT.',
      'entry[0].resource.effectiveDateTime: This is not a real date.',
      'entry[0].resource.result[0].reference: "Observation/nope" is not an Observation in this bundle.',
      'entry[1].resource.valueQuantity.value: Must be a number.',
      "entry[1].resource: This Observation is not in any DiagnosticReport's result list (or a panel's hasMember).",
      'entry[2].resource.status: Status "cancelled" cannot be imported; use final, amended, corrected or preliminary.',
      'entry[2].resource.valueQuantity.unit: A number needs its unit, e.g. "mg/dL".',
      "entry[2].resource: This Observation is not in any DiagnosticReport's result list (or a panel's hasMember).",
      `entry[3].resource.subject.reference: Must be "Patient/${PATIENT}" or the fullUrl of this patient's Patient entry, the patient these results are for.`,
      'entry[3].resource.referenceRange[0].low.unit: The range is in mg/dL but the value is in mmol/L.',
      'entry[3].resource.interpretation: Use an interpretation code H, L, HH, LL, A or N.',
      "entry[3].resource: This Observation is not in any DiagnosticReport's result list (or a panel's hasMember).",
      'entry[4].resource.identifier: Cannot tell this Patient is the patient these results are for: give their MRN as an identifier.',
    ]);
  });

  it('refuses what is not a bundle of results at all', () => {
    expect(problems([])).toEqual([': Send a FHIR Bundle: a JSON object with "resourceType": "Bundle".']);
    expect(problems({ resourceType: 'Bundle', type: 'searchset', entry: [] })).toEqual([
      'type: Must be "collection" or "transaction".',
      'entry: The bundle has no entries.',
    ]);
    expect(problems(bundle(observation()))).toEqual([
      'entry: The bundle has no DiagnosticReport.',
      "entry[0].resource: This Observation is not in any DiagnosticReport's result list (or a panel's hasMember).",
    ]);
  });

  it('refuses an Observation listed by two reports, a lab report without results, and future dates', () => {
    expect(
      problems(
        bundle(
          report(),
          report({ id: 'bmp2', issued: '2027-01-01T00:00:00Z' }),
          report({ id: 'empty', result: [] }),
          observation(),
        ),
      ),
    ).toEqual([
      'entry[1].resource.issued: This is in the future.',
      'entry[1].resource.result[0].reference: entry[3] is already a result of another report.',
      'entry[2].resource.result: A lab report needs at least one Observation in result.',
    ]);
  });
});

describe('real-world bundles', () => {
  const withUrls = (...entries: [string, object][]) => ({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map(([fullUrl, resource]) => ({ fullUrl, resource })),
  });
  const urnSubject = { reference: 'urn:uuid:pat-1' };
  const patientEntry = (mrn: string): [string, object] => [
    'urn:uuid:pat-1',
    {
      resourceType: 'Patient',
      identifier: [{ type: { coding: [{ code: 'MR' }] }, system: 'urn:oid:1.2.3', value: mrn }],
      name: [{ family: 'Whitfield' }],
    },
  ];

  it('matches the Patient by MRN, follows its urn:uuid, and lists what Portico does not keep', () => {
    const out = parseBundle(
      withUrls(
        patientEntry('1234-5678-9'),
        ['urn:uuid:prac', { resourceType: 'Practitioner', name: [{ family: 'Lab' }] }],
        ['urn:uuid:enc', { resourceType: 'Encounter', status: 'finished' }],
        ['urn:uuid:cond', { resourceType: 'Condition', subject: urnSubject }],
        ['urn:uuid:med', { resourceType: 'MedicationRequest', status: 'active' }],
        ['urn:uuid:spec', { resourceType: 'Specimen', type: { text: 'Serum' } }],
        ['urn:uuid:rep', report({ subject: urnSubject, result: [{ reference: 'urn:uuid:glu' }] })],
        ['urn:uuid:glu', observation({ subject: urnSubject, specimen: { reference: 'urn:uuid:spec' } })],
      ),
      TARGET,
      NOW,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.reports).toHaveLength(1);
    expect(out.ignored.map((i) => [i.field, i.resourceType])).toEqual([
      ['entry[1].resource', 'Practitioner'],
      ['entry[2].resource', 'Encounter'],
      ['entry[3].resource', 'Condition'],
      ['entry[4].resource', 'MedicationRequest'],
      ['entry[5].resource', 'Specimen'],
    ]);
    expect(out.ignored.every((i) => i.reason.length > 10)).toBe(true);
  });

  it('refuses a Patient with another MRN, and results that point at it', () => {
    const out = parseBundle(
      withUrls(
        patientEntry('987654321'),
        ['urn:uuid:rep', report({ subject: urnSubject, result: [{ reference: 'urn:uuid:glu' }] })],
        ['urn:uuid:glu', observation({ subject: urnSubject })],
      ),
      TARGET,
      NOW,
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.field)).toEqual([
      'entry[0].resource.identifier',
      'entry[1].resource.subject.reference',
      'entry[2].resource.subject.reference',
    ]);
  });

  it('keeps an Observation with dataAbsentReason as "no value" and why', () => {
    const out = parseBundle(
      bundle(
        report({ result: [{ reference: 'Observation/k' }] }),
        observation({
          id: 'k',
          code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }], text: 'Potassium' },
          valueQuantity: undefined,
          referenceRange: undefined,
          dataAbsentReason: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error' }],
            text: 'specimen hemolyzed',
          },
        }),
      ),
      TARGET,
      NOW,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.reports[0]?.observations[0]).toMatchObject({
      value: null,
      valueText: null,
      dataAbsentReason: 'specimen hemolyzed',
      flag: null,
    });
  });

  it('refuses a value and a dataAbsentReason together', () => {
    expect(problems(bundle(report(), observation({ dataAbsentReason: { text: 'specimen hemolyzed' } })))).toEqual([
      'entry[1].resource.dataAbsentReason: An Observation with a value cannot also say its value is absent.',
    ]);
  });

  it('reads a hasMember panel: its members become the report’s values', () => {
    const out = parseBundle(
      bundle(
        report({ result: [{ reference: 'Observation/panel' }] }),
        {
          resourceType: 'Observation',
          id: 'panel',
          status: 'final',
          subject,
          code: { coding: [{ system: 'http://loinc.org', code: '24323-8' }], text: 'Comprehensive metabolic panel' },
          hasMember: [{ reference: 'Observation/glu' }, { reference: 'Observation/ua' }],
        },
        observation(),
        observation({
          id: 'ua',
          code: { coding: [{ system: 'http://loinc.org', code: '5778-6' }], text: 'Color of Urine' },
          valueQuantity: undefined,
          referenceRange: undefined,
          valueCodeableConcept: {
            coding: [{ system: 'http://snomed.info/sct', code: '371244009', display: 'Yellow' }],
          },
        }),
      ),
      TARGET,
      NOW,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.reports[0]?.observations.map((o) => [o.code, o.value, o.valueText])).toEqual([
      ['2345-7', 112, null],
      ['5778-6', null, 'Yellow'],
    ]);
  });

  it('refuses a panel member that is not in the bundle', () => {
    const list = problems(
      bundle(report({ result: [{ reference: 'Observation/panel' }] }), {
        resourceType: 'Observation',
        id: 'panel',
        status: 'final',
        subject,
        code: { coding: [{ code: '24323-8' }], text: 'Panel' },
        hasMember: [{ reference: 'Observation/gone' }],
      }),
    );
    expect(list).toEqual([
      'entry[1].resource.hasMember[0].reference: "Observation/gone" is not an Observation with a value in this bundle.',
    ]);
  });
});
