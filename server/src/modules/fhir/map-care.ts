import type {
  AppointmentRow,
  CoverageRow,
  EncounterRow,
  MessageRow,
  OpinionDocumentRow,
  OpinionRow,
  ReportRow,
  StatementRow,
} from './repository.js';
import {
  ACT_CODE,
  clinicianName,
  instant,
  LOINC,
  meta,
  PARTICIPATION,
  ref,
  US_CORE_DOC_CATEGORY,
  type Resource,
} from './resource.js';

const ENCOUNTER_TYPE = 'urn:portico:visit-type';

/** A virtual visit as a US Core Encounter with class VR. */
export function encounter(e: EncounterRow, patientId: string): Resource {
  const start = e.admitted_at ?? e.start_at;
  const end = e.ended_at ?? (e.status === 'finished' ? e.end_at : null);
  const who = clinicianName(e.clinician_given, e.clinician_family);
  return {
    resourceType: 'Encounter',
    id: e.id,
    meta: meta('us-core-encounter', e.ended_at ?? e.admitted_at ?? e.start_at),
    identifier: [{ system: 'urn:portico:appointment', value: e.appointment_id }],
    status: e.status,
    class: { system: ACT_CODE, code: 'VR', display: 'virtual' },
    type: [{ coding: [{ system: ENCOUNTER_TYPE, code: e.modality, display: e.visit_type }], text: e.visit_type }],
    subject: ref('Patient', patientId),
    participant: [
      {
        type: [{ coding: [{ system: PARTICIPATION, code: 'PPRF', display: 'primary performer' }] }],
        individual: ref('Practitioner', e.clinician_id, who),
        period: { start: instant(start), ...(end ? { end: instant(end) } : {}) },
      },
    ],
    appointment: [ref('Appointment', e.appointment_id)],
    period: { start: instant(start), ...(end ? { end: instant(end) } : {}) },
    ...(e.reason.trim() ? { reasonCode: [{ text: e.reason.trim() }] } : {}),
    location: [{ location: ref('Location', e.organization_id) }],
    serviceProvider: ref('Organization', e.organization_id),
  };
}

const SERVICE_TYPE: Record<string, string> = {
  video: 'Video visit',
  phone: 'Phone visit',
  in_person: 'In-person visit',
};

export function appointment(a: AppointmentRow, patientId: string): Resource {
  const cancelled = a.status === 'cancelled' || a.status === 'noshow';
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: meta(null, a.created_at),
    status: a.status,
    ...(cancelled && a.cancel_reason ? { cancelationReason: { text: a.cancel_reason } } : {}),
    serviceType: [{ text: SERVICE_TYPE[a.mode] ?? a.mode }],
    appointmentType: { text: a.visit_type },
    ...(a.reason.trim() ? { reasonCode: [{ text: a.reason.trim() }] } : {}),
    start: instant(a.start_at),
    end: instant(a.end_at),
    created: instant(a.created_at),
    participant: [
      { actor: ref('Patient', patientId), status: 'accepted' },
      {
        actor: ref('Practitioner', a.clinician_id, clinicianName(a.clinician_given, a.clinician_family)),
        status: 'accepted',
      },
    ],
  };
}

const PAYER_TYPE: Record<string, { code: string; display: string }> = {
  commercial: { code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  medicare: { code: '1', display: 'MEDICARE' },
  medicaid: { code: '2', display: 'MEDICAID' },
  health_system_plan: { code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  workers_comp: { code: '95', display: "Worker's Compensation" },
  health_safety_net: { code: '82', display: 'NO PAYMENT from an Organization/Agency/Program/Private Payer Listed' },
  self_pay: { code: '81', display: 'Self-pay' },
};

const RELATIONSHIP: Record<string, string> = { self: 'self', spouse: 'spouse', child: 'child', other: 'other' };

/** US Core Coverage; the payer is a contained Organization (Portico keeps a plan catalog, not payers). */
export function coverage(c: CoverageRow, patientId: string): Resource {
  const type = PAYER_TYPE[c.payer_category];
  return {
    resourceType: 'Coverage',
    id: c.id,
    meta: meta('us-core-coverage', c.cancelled_at ?? c.created_at),
    contained: [{ resourceType: 'Organization', id: 'payer', active: true, name: c.payer_name }],
    identifier: [
      {
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB', display: 'Member Number' }],
        },
        value: c.member_id,
      },
    ],
    status: c.status,
    ...(type
      ? { type: { coding: [{ system: 'urn:oid:2.16.840.1.113883.3.221.5', code: type.code, display: type.display }] } }
      : {}),
    subscriberId: c.member_id,
    beneficiary: ref('Patient', patientId),
    relationship: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
          code: RELATIONSHIP[c.relationship] ?? 'other',
        },
      ],
    },
    period: { start: instant(c.created_at), ...(c.cancelled_at ? { end: instant(c.cancelled_at) } : {}) },
    payor: [{ reference: '#payer', display: c.payer_name }],
    order: c.priority,
    class: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
        value: c.plan_name,
        name: c.plan_name,
      },
      ...(c.group_number
        ? [
            {
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }] },
              value: c.group_number,
            },
          ]
        : []),
    ],
  };
}

type DocKind = 'report' | 'opinion-file' | 'statement';

function documentReference(args: {
  id: string;
  kind: DocKind;
  patientId: string;
  organizationId: string;
  date: Date;
  type: { system?: string; code?: string; display: string };
  category: 'clinical-note' | 'other';
  title: string;
  contentType: string;
  size?: number;
  related?: Record<string, unknown>;
  description?: string;
}): Resource {
  const { id, type } = args;
  return {
    resourceType: 'DocumentReference',
    id,
    meta: meta('us-core-documentreference', args.date),
    identifier: [{ system: `urn:portico:document:${args.kind}`, value: id }],
    status: 'current',
    type: {
      ...(type.system && type.code
        ? { coding: [{ system: type.system, code: type.code, display: type.display }] }
        : {}),
      text: type.display,
    },
    category: [
      {
        coding: [
          args.category === 'clinical-note'
            ? { system: US_CORE_DOC_CATEGORY, code: 'clinical-note', display: 'Clinical Note' }
            : { system: 'urn:portico:document-category', code: args.kind },
        ],
      },
    ],
    subject: ref('Patient', args.patientId),
    date: instant(args.date),
    author: [ref('Organization', args.organizationId)],
    ...(args.description ? { description: args.description } : {}),
    content: [
      {
        attachment: {
          contentType: args.contentType,
          url: `Binary/${id}`,
          title: args.title,
          ...(args.size ? { size: args.size } : {}),
          creation: instant(args.date),
        },
        format: {
          system: 'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode',
          code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient',
          display: 'mimeType Sufficient',
        },
      },
    ],
    ...(args.related ? { context: { related: [args.related] } } : {}),
  };
}

/** A result's report as a readable document (the Binary is plain text). */
export function reportDocument(r: ReportRow, patientId: string): Resource {
  return documentReference({
    id: r.id,
    kind: 'report',
    patientId,
    organizationId: r.organization_id,
    date: r.issued_at,
    type:
      r.category === 'lab'
        ? { system: LOINC, code: '11502-2', display: 'Laboratory report' }
        : r.category === 'imaging'
          ? { system: LOINC, code: '18748-4', display: 'Diagnostic imaging study' }
          : { system: LOINC, code: '11526-1', display: 'Pathology study' },
    category: 'clinical-note',
    title: r.name,
    contentType: 'text/plain',
    related: ref('DiagnosticReport', r.id),
  });
}

const OPINION_DOC_TYPE: Record<string, string> = {
  records: 'Medical records',
  imaging: 'Imaging',
  labs: 'Laboratory results',
  precert: 'Precertification',
  other: 'Other document',
};

export function opinionDocument(d: OpinionDocumentRow, patientId: string): Resource {
  return documentReference({
    id: d.id,
    kind: 'opinion-file',
    patientId,
    organizationId: d.organization_id,
    date: d.created_at,
    type: { display: OPINION_DOC_TYPE[d.category] ?? 'Other document' },
    category: 'other',
    title: d.filename,
    contentType: d.content_type,
    size: Number(d.size_bytes),
    related: ref('ServiceRequest', d.request_id),
  });
}

export function statementDocument(s: StatementRow, patientId: string): Resource {
  return documentReference({
    id: s.id,
    kind: 'statement',
    patientId,
    organizationId: s.organization_id,
    date: s.as_of,
    type: { display: 'Billing statement' },
    category: 'other',
    title: `Statement ${String(s.number)}`,
    contentType: 'application/pdf',
  });
}

const OPINION_STATUS: Record<string, string> = {
  submitted: 'active',
  records_pending: 'active',
  under_review: 'active',
  scheduled: 'active',
  opinion_delivered: 'completed',
  closed: 'completed',
};

/** A second-opinion request as a US Core ServiceRequest. */
export function serviceRequest(r: OpinionRow, patientId: string): Resource {
  const revoked = r.status === 'closed' && r.opinion_text === null;
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: meta('us-core-servicerequest', r.updated_at),
    status: revoked ? 'revoked' : (OPINION_STATUS[r.status] ?? 'unknown'),
    intent: 'order',
    category: [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '386053000', display: 'Evaluation procedure' }],
        text: 'Second opinion',
      },
    ],
    code: {
      coding: [{ system: 'urn:portico:service', code: 'second-opinion' }],
      text: `Second opinion (${r.service_line_code})`,
    },
    subject: ref('Patient', patientId),
    authoredOn: instant(r.created_at),
    requester: ref('Patient', patientId),
    ...(r.specialist_id ? { performer: [ref('Practitioner', r.specialist_id)] } : {}),
    reasonCode: [{ text: r.condition }],
    note: [{ text: r.question }],
  };
}

/** One secure message as a Communication between the patient and the care team. */
export function communication(m: MessageRow, patientId: string): Resource {
  const team = m.clinician_id ? ref('Practitioner', m.clinician_id) : ref('Organization', m.organization_id);
  const fromPatient = m.author_side === 'patient';
  return {
    resourceType: 'Communication',
    id: m.id,
    meta: meta(null, m.created_at),
    status: 'completed',
    category: [{ coding: [{ system: 'urn:portico:message-topic', code: m.topic }] }],
    subject: ref('Patient', patientId),
    topic: { text: m.subject },
    sent: instant(m.created_at),
    ...(m.read_at ? { received: instant(m.read_at) } : {}),
    sender: fromPatient ? ref('Patient', patientId) : team,
    recipient: [fromPatient ? team : ref('Patient', patientId)],
    payload: [{ contentString: m.body }],
    identifier: [{ system: 'urn:portico:message-thread', value: m.thread_id }],
  };
}
