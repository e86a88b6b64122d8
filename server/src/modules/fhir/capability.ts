import { RESOURCE_TYPES } from './compartment.js';
import { COMMON_PARAMS, includesOf, REVINCLUDES, SEARCH_PARAMS } from './search-params.js';
import { US_CORE } from './resource.js';

const PROFILES: Record<string, string[]> = {
  Patient: ['us-core-patient'],
  Practitioner: ['us-core-practitioner'],
  PractitionerRole: ['us-core-practitionerrole'],
  Organization: ['us-core-organization'],
  Location: ['us-core-location'],
  Observation: ['us-core-observation-lab', 'us-core-observation-clinical-result'],
  DiagnosticReport: ['us-core-diagnosticreport-lab', 'us-core-diagnosticreport-note'],
  MedicationRequest: ['us-core-medicationrequest'],
  Medication: ['us-core-medication'],
  AllergyIntolerance: ['us-core-allergyintolerance'],
  Condition: ['us-core-condition-problems-health-concerns'],
  Immunization: ['us-core-immunization'],
  Encounter: ['us-core-encounter'],
  Coverage: ['us-core-coverage'],
  DocumentReference: ['us-core-documentreference'],
  ServiceRequest: ['us-core-servicerequest'],
  Provenance: ['us-core-provenance'],
};

const TYPE_NAMES: Record<string, string> = { token: 'token', date: 'date', string: 'string', reference: 'reference' };

/** The CapabilityStatement: what /fhir/R4 serves, and where a SMART app gets its token. */
export function capabilityStatement(baseUrl: string, software: { version: string }, date: string) {
  const fhirBase = `${baseUrl}/fhir/R4`;
  return {
    resourceType: 'CapabilityStatement',
    id: 'portico',
    url: `${fhirBase}/metadata`,
    name: 'PorticoFhirServer',
    title: 'Portico FHIR R4 API',
    status: 'active',
    date,
    publisher: 'Portico',
    kind: 'instance',
    software: { name: 'Portico', version: software.version },
    implementation: { description: 'Portico patient portal', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    instantiates: ['http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
              text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${baseUrl}/oauth/authorize` },
                { url: 'token', valueUri: `${baseUrl}/oauth/token` },
              ],
            },
          ],
        },
        resource: [
          ...RESOURCE_TYPES.map((type) => {
            const params = { ...COMMON_PARAMS, ...(SEARCH_PARAMS[type] ?? {}) };
            return {
              type,
              ...(PROFILES[type] ? { supportedProfile: (PROFILES[type] ?? []).map((p) => `${US_CORE}/${p}`) } : {}),
              interaction: [{ code: 'read' }, { code: 'search-type' }],
              versioning: 'no-version',
              readHistory: false,
              updateCreate: false,
              searchInclude: includesOf(type),
              searchRevInclude: [...(REVINCLUDES[type] ?? [])],
              searchParam: Object.entries(params).map(([name, def]) => ({
                name,
                type: TYPE_NAMES[def.kind] ?? 'token',
              })),
              ...(type === 'Patient'
                ? {
                    operation: [
                      { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
                    ],
                  }
                : {}),
            };
          }),
          { type: 'Binary', interaction: [{ code: 'read' }], versioning: 'no-version' },
        ],
      },
    ],
  };
}
