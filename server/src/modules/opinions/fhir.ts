import type { OpinionRequest, OpinionStatus } from '@portico/contracts';

/** FHIR R4 ServiceRequest.status for each step of a second opinion. */
const SERVICE_REQUEST_STATUS: Record<OpinionStatus, 'active' | 'completed' | 'revoked'> = {
  submitted: 'active',
  records_pending: 'active',
  under_review: 'active',
  scheduled: 'active',
  opinion_delivered: 'completed',
  closed: 'completed',
};

/** Portico's own code system for the steps FHIR's status does not tell apart. */
const STEP_SYSTEM = 'urn:portico:second-opinion-step';

type Resource = Record<string, unknown>;

/**
 * A second-opinion request as FHIR R4: a collection Bundle with the ServiceRequest and one
 * DocumentReference per file received, each pointing back at the request (for exchange with
 * another system; Portico's own pages use the JSON API).
 */
export function toFhirBundle(r: OpinionRequest, baseUrl: string): Resource {
  const requestRef = `ServiceRequest/${r.id}`;
  const closedWithoutOpinion = r.status === 'closed' && !r.opinion;
  const serviceRequest: Resource = {
    resourceType: 'ServiceRequest',
    id: r.id,
    status: closedWithoutOpinion ? 'revoked' : SERVICE_REQUEST_STATUS[r.status],
    intent: 'order',
    category: [{ text: 'Second opinion' }],
    code: { text: `Second opinion: ${r.departmentName}` },
    subject: { reference: `Patient/${r.patientId}`, display: r.patientName },
    authoredOn: r.createdAt,
    reasonCode: [{ text: r.condition }],
    note: [{ text: r.question }],
    extension: [{ url: STEP_SYSTEM, valueCode: r.status }],
    ...(r.specialist
      ? { performer: [{ reference: `Practitioner/${r.specialist.id}`, display: r.specialist.name }] }
      : {}),
    ...(r.physicianName
      ? { requester: { display: [r.physicianName, r.physicianInstitution].filter(Boolean).join(', ') } }
      : {}),
    supportingInfo: r.documents.map((d) => ({ reference: `DocumentReference/${d.id}` })),
  };
  const documents = r.documents.map((d): Resource => ({
    resourceType: 'DocumentReference',
    id: d.id,
    status: 'current',
    type: { text: d.category },
    subject: { reference: `Patient/${r.patientId}` },
    date: d.createdAt,
    description: d.dicom
      ? [d.dicom.modality, d.dicom.studyDescription, d.dicom.studyDate].filter(Boolean).join(', ')
      : d.filename,
    content: [
      {
        attachment: {
          contentType: d.contentType,
          title: d.filename,
          size: d.sizeBytes,
          creation: d.createdAt,
          url: `${baseUrl}/api/second-opinions/${r.id}/documents/${d.id}/content`,
        },
      },
    ],
    context: { related: [{ reference: requestRef }] },
  }));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: [serviceRequest, ...documents].map((resource) => ({
      fullUrl: `${baseUrl}/fhir/R4/${String(resource['resourceType'])}/${String(resource['id'])}`,
      resource,
    })),
  };
}
