import { defineModule } from '../../lib/module.js';
import { createFhir, type FhirModule } from './module.js';
import { fhirRoutes } from './routes.js';

export type { FhirModule } from './module.js';
export { RESOURCE_TYPES } from './compartment.js';
export type { BearerVerifier, FhirGrant } from './access.js';

declare module '../../lib/module.js' {
  interface Services {
    /** The FHIR R4 API (/fhir/R4); the SMART module sets its bearer verifier. */
    fhir: FhirModule;
  }
}

/** The FHIR R4 API at /fhir/R4: US Core-shaped reads and searches of one patient's compartment. */
export const fhirModule = defineModule({
  name: 'fhir',
  dependencies: ['audit', 'opinions', 'billing', 'files'],
  services: ({ config, database, services: { audit, opinions, statements, files } }) => ({
    fhir: createFhir({
      db: database.db,
      audit,
      publicUrl: config.publicUrl,
      fields: files.fields,
      binaries: {
        opinionFile: (caller, requestId, docId) => opinions.opinions.documentContent(caller, requestId, docId),
        statementPdf: (caller, id) => statements.statementPdf(caller, id),
      },
    }),
  }),
  async register(app, { config }) {
    await app.register(fhirRoutes, { services: app.services, config });
  },
});
