import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { ResultRecord } from '../results/index.js';
import type { BearerVerifier } from './access.js';
import { FhirRepository, type FieldOpener } from './repository.js';
import { FhirService, type BinarySources } from './service.js';

/** The FHIR API's parts; the SMART module plugs its token check in with setBearerVerifier. */
export interface FhirModule {
  service: FhirService;
  /** Until one is set, every `Authorization: Bearer` request is a 401. */
  setBearerVerifier(verifier: BearerVerifier | null): void;
  bearerVerifier(): BearerVerifier | null;
}

export function createFhir(deps: {
  db: Kysely<Database>;
  audit: AuditService;
  resultRecord: ResultRecord;
  publicUrl: string;
  binaries: BinarySources;
  fields: FieldOpener;
}): FhirModule {
  let verifier: BearerVerifier | null = null;
  const service = new FhirService(
    new FhirRepository(deps.db, deps.fields),
    deps.resultRecord,
    deps.audit,
    deps.publicUrl.replace(/\/$/, ''),
    deps.binaries,
  );
  return {
    service,
    setBearerVerifier: (v) => {
      verifier = v;
    },
    bearerVerifier: () => verifier,
  };
}
