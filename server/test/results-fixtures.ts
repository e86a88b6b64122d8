/** A FHIR R4 Observation of one numeric analyte, as a lab system would send it. */
export function quantityObservation(
  fullUrl: string,
  patientId: string,
  o: { code: string; name: string; value: number; unit: string; low?: number; high?: number; at: string },
) {
  return {
    fullUrl,
    resource: {
      resourceType: 'Observation',
      status: 'final',
      subject: { reference: `Patient/${patientId}` },
      code: { coding: [{ system: 'http://loinc.org', code: o.code, display: o.name }], text: o.name },
      effectiveDateTime: o.at,
      valueQuantity: { value: o.value, unit: o.unit, system: 'http://unitsofmeasure.org', code: o.unit },
      ...(o.low !== undefined || o.high !== undefined
        ? {
            referenceRange: [
              {
                ...(o.low !== undefined ? { low: { value: o.low, unit: o.unit } } : {}),
                ...(o.high !== undefined ? { high: { value: o.high, unit: o.unit } } : {}),
              },
            ],
          }
        : {}),
    },
  };
}

/**
 * A valid collection bundle: one HbA1c report with its observation, and a basic metabolic
 * panel with glucose and potassium. `id` makes the report identifiers unique per call.
 */
export function labBundle(patientId: string, id: string, at = '2026-11-20T08:30:00-05:00') {
  const subject = { reference: `Patient/${patientId}` };
  const lab = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: `urn:uuid:${id}-r1`,
        resource: {
          resourceType: 'DiagnosticReport',
          identifier: [{ system: 'urn:test:lab', value: `${id}-a1c` }],
          status: 'final',
          category: lab,
          code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }], text: 'Hemoglobin A1c' },
          subject,
          effectiveDateTime: at,
          issued: at,
          result: [{ reference: `urn:uuid:${id}-o1` }],
        },
      },
      quantityObservation(`urn:uuid:${id}-o1`, patientId, {
        code: '4548-4',
        name: 'Hemoglobin A1c',
        value: 6.6,
        unit: '%',
        low: 4,
        high: 5.6,
        at,
      }),
      {
        fullUrl: `urn:uuid:${id}-r2`,
        resource: {
          resourceType: 'DiagnosticReport',
          identifier: [{ system: 'urn:test:lab', value: `${id}-bmp` }],
          status: 'final',
          category: lab,
          code: { coding: [{ system: 'http://loinc.org', code: '51990-0', display: 'Basic metabolic panel' }] },
          subject,
          effectiveDateTime: at,
          issued: at,
          result: [{ reference: `urn:uuid:${id}-o2` }, { reference: `urn:uuid:${id}-o3` }],
        },
      },
      quantityObservation(`urn:uuid:${id}-o2`, patientId, {
        code: '2345-7',
        name: 'Glucose',
        value: 112,
        unit: 'mg/dL',
        low: 70,
        high: 99,
        at,
      }),
      quantityObservation(`urn:uuid:${id}-o3`, patientId, {
        code: '2823-3',
        name: 'Potassium',
        value: 4.2,
        unit: 'mmol/L',
        low: 3.5,
        high: 5.3,
        at,
      }),
    ],
  };
}

interface Entry {
  fullUrl: string;
  resource: Record<string, unknown>;
}

/**
 * The same bundle with four mistakes: a unit nobody knows, a result pointing at nothing, an
 * Observation about another patient, and a report without a date.
 */
export function badBundle(patientId: string, otherPatientId: string, id: string) {
  const b = labBundle(patientId, id);
  const [r1, o1, r2, o2] = b.entry as Entry[];
  if (!r1 || !o1 || !r2 || !o2) throw new Error('labBundle changed shape');
  const quantity = o1.resource['valueQuantity'] as { unit: string; code: string };
  quantity.unit = 'furlongs';
  quantity.code = 'furlongs';
  (r2.resource['result'] as { reference: string }[]).push({ reference: 'urn:uuid:missing' });
  o2.resource['subject'] = { reference: `Patient/${otherPatientId}` };
  delete r1.resource['effectiveDateTime'];
  return b;
}
