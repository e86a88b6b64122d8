import { defineModule } from '../../lib/module.js';
import { createBulkExport, type BulkExport } from './bulk/module.js';
import { bulkRoutes } from './bulk/routes.js';
import { createFhir, type FhirModule } from './module.js';
import { registerFhirCors } from './cors.js';
import { FhirRepository } from './repository.js';
import { fhirRoutes } from './routes.js';

export type { FhirModule } from './module.js';
export type { BulkExport } from './bulk/module.js';
export { BULK_EXPIRE_JOB, BULK_EXPORT_JOB } from './bulk/exporter.js';
export { RESOURCE_TYPES } from './compartment.js';
export type { BearerVerifier, FhirGrant } from './access.js';
export { portalAccess, type FhirAccess } from './service.js';
export type { RecordReader } from './record-reader.js';
export type { Resource } from './resource.js';
export type { ResourceType } from './compartment.js';

declare module '../../lib/module.js' {
  interface Services {
    /** The FHIR R4 API (/fhir/R4); the SMART module sets its bearer verifier. */
    fhir: FhirModule;
    /** FHIR Bulk Data export for backend services (docs/decisions/0034). */
    fhirBulk: BulkExport;
  }
}

/** The FHIR R4 API at /fhir/R4: US Core-shaped reads and searches of one patient's compartment. */
export const fhirModule = defineModule({
  name: 'fhir',
  dependencies: ['audit', 'identity', 'opinions', 'billing', 'jobs', 'files', 'results'],
  services: ({ config, database, services: { audit, opinions, statements, jobs, files, resultRecord } }) => ({
    fhir: createFhir({
      db: database.db,
      audit,
      resultRecord,
      publicUrl: config.publicUrl,
      fields: files.fields,
      binaries: {
        opinionFile: (caller, requestId, docId) => opinions.opinions.documentContent(caller, requestId, docId),
        statementPdf: (caller, id) => statements.statementPdf(caller, id),
      },
    }),
    fhirBulk: createBulkExport({
      db: database.db,
      fhirRepo: new FhirRepository(database.db, files.fields),
      resultRecord,
      audit,
      files,
      jobs,
      publicUrl: config.publicUrl,
      batchSize: config.bulkExport.batchSize,
      retentionHours: config.bulkExport.retentionHours,
    }),
  }),
  async register(app, { config }) {
    registerFhirCors(app);
    await app.register(fhirRoutes, { services: app.services, config });
    await app.register(bulkRoutes, { services: app.services, config });
  },
});
