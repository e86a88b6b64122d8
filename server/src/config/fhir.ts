import { bool, int, type Env } from './env.js';

export interface BulkExportConfig {
  /** Patients read, mapped and written per committed step (PORTICO_BULK_EXPORT_BATCH). */
  batchSize: number;
  /** How long a finished export's files are kept (PORTICO_BULK_EXPORT_HOURS). */
  retentionHours: number;
}

/** The FHIR API and the SMART apps that use it. */
export interface FhirSettings {
  /**
   * SMART: let registered apps' JWKS URLs point at private or loopback addresses (a backend service
   * inside the hospital network, tests). Off by default: oidc-provider refuses them (SSRF guard).
   */
  smartPrivateJwks: boolean;
  /** FHIR bulk export (docs/decisions/0034). */
  bulkExport: BulkExportConfig;
}

/** PORTICO_SMART_PRIVATE_JWKS, PORTICO_BULK_EXPORT_BATCH, PORTICO_BULK_EXPORT_HOURS. */
export function fhirSettings(env: Env): FhirSettings {
  return {
    smartPrivateJwks: bool(env, 'PORTICO_SMART_PRIVATE_JWKS', false),
    bulkExport: {
      batchSize: int(env, 'PORTICO_BULK_EXPORT_BATCH', 500, 1, 10_000),
      retentionHours: int(env, 'PORTICO_BULK_EXPORT_HOURS', 24, 1, 24 * 30),
    },
  };
}
