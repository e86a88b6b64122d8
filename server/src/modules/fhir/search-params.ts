/** How one search parameter reads a resource: its kind and the paths its values sit at. */
export interface ParamDef {
  kind: 'token' | 'date' | 'string' | 'reference';
  paths: readonly string[];
  /** For reference params: the types `_include` may bring in. */
  targets?: readonly string[];
}

const token = (...paths: string[]): ParamDef => ({ kind: 'token', paths });
const date = (...paths: string[]): ParamDef => ({ kind: 'date', paths });
const str = (...paths: string[]): ParamDef => ({ kind: 'string', paths });
const reference = (targets: string[], ...paths: string[]): ParamDef => ({ kind: 'reference', paths, targets });

const patientRef = (...paths: string[]) => reference(['Patient'], ...paths);

/** Every search parameter the API answers, per resource type (the CapabilityStatement lists these). */
export const SEARCH_PARAMS: Readonly<Record<string, Readonly<Record<string, ParamDef>>>> = {
  Patient: {
    identifier: token('identifier'),
    name: str('name.family', 'name.given', 'name.text'),
    family: str('name.family'),
    given: str('name.given'),
    birthdate: date('birthDate'),
    gender: token('gender'),
  },
  Practitioner: { identifier: token('identifier'), name: str('name.family', 'name.given', 'name.text') },
  PractitionerRole: {
    practitioner: reference(['Practitioner'], 'practitioner'),
    organization: reference(['Organization'], 'organization'),
    location: reference(['Location'], 'location'),
    specialty: str('specialty.text'),
  },
  Organization: { identifier: token('identifier'), name: str('name') },
  Location: { name: str('name'), organization: reference(['Organization'], 'managingOrganization') },
  Observation: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    category: token('category'),
    code: token('code'),
    date: date('effectiveDateTime'),
    status: token('status'),
  },
  DiagnosticReport: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    category: token('category'),
    code: token('code'),
    date: date('effectiveDateTime'),
    status: token('status'),
    result: reference(['Observation'], 'result'),
    performer: reference(['Organization'], 'performer'),
  },
  MedicationRequest: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    intent: token('intent'),
    status: token('status'),
    authoredon: date('authoredOn'),
    medication: reference(['Medication'], 'medicationReference'),
    requester: reference(['Practitioner'], 'requester'),
  },
  Medication: { code: token('code') },
  AllergyIntolerance: { patient: patientRef('patient'), 'clinical-status': token('clinicalStatus') },
  Condition: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    category: token('category'),
    code: token('code'),
    'clinical-status': token('clinicalStatus'),
    'onset-date': date('onsetDateTime'),
  },
  Immunization: { patient: patientRef('patient'), date: date('occurrenceDateTime'), status: token('status') },
  Encounter: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    identifier: token('identifier'),
    class: token('class'),
    type: token('type'),
    status: token('status'),
    date: date('period.start'),
    practitioner: reference(['Practitioner'], 'participant.individual'),
    appointment: reference(['Appointment'], 'appointment'),
  },
  Appointment: {
    patient: patientRef('participant.actor'),
    actor: reference(['Patient', 'Practitioner'], 'participant.actor'),
    practitioner: reference(['Practitioner'], 'participant.actor'),
    date: date('start'),
    status: token('status'),
  },
  Coverage: {
    patient: patientRef('beneficiary'),
    beneficiary: patientRef('beneficiary'),
    status: token('status'),
  },
  DocumentReference: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    identifier: token('identifier'),
    category: token('category'),
    type: token('type'),
    date: date('date'),
    status: token('status'),
  },
  ServiceRequest: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    category: token('category'),
    code: token('code'),
    status: token('status'),
    authored: date('authoredOn'),
    performer: reference(['Practitioner'], 'performer'),
  },
  Communication: {
    patient: patientRef('subject'),
    subject: patientRef('subject'),
    category: token('category'),
    sent: date('sent'),
    sender: reference(['Patient', 'Practitioner', 'Organization'], 'sender'),
  },
  Provenance: {
    patient: patientRef('target'),
    target: reference(['DiagnosticReport'], 'target'),
  },
};

/** Parameters every type takes (besides its own). */
export const COMMON_PARAMS: Readonly<Record<string, ParamDef>> = {
  _id: token('id'),
  _lastUpdated: date('meta.lastUpdated'),
};

/** Result parameters: they shape the answer rather than filter it. */
export const CONTROL_PARAMS = new Set(['_count', '_offset', '_total', '_include', '_revinclude', '_format', '_pretty']);

/** `_revinclude` values the API honours. */
export const REVINCLUDES: Readonly<Record<string, readonly string[]>> = {
  DiagnosticReport: ['Provenance:target'],
};

/** `_include` values per type: every reference parameter. */
export function includesOf(type: string): string[] {
  const params = SEARCH_PARAMS[type] ?? {};
  return Object.entries(params)
    .filter(([, def]) => def.kind === 'reference')
    .map(([name]) => `${type}:${name}`);
}
