/** FHIR issue types used here (a subset of http://hl7.org/fhir/issue-type). */
export type IssueType =
  | 'invalid'
  | 'not-found'
  | 'not-supported'
  | 'forbidden'
  | 'login'
  | 'expired'
  | 'security'
  | 'exception'
  | 'too-costly'
  | 'throttled'
  | 'informational';

/**
 * The error type under /fhir: becomes an OperationOutcome with its HTTP status. Like AppError,
 * the message is safe to show; 5xx never carry internals.
 */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issue: IssueType,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'FhirError';
  }
}

export function operationOutcome(issue: IssueType, text: string, severity: 'error' | 'information' = 'error') {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code: issue, details: { text }, diagnostics: text }],
  };
}

/** Someone else's resource and a missing one look the same. */
export const notFoundFhir = (type: string, id: string): FhirError =>
  new FhirError(404, 'not-found', `${type}/${id.slice(0, 64)} was not found, or you do not have access to it.`);
