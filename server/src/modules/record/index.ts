import { defineModule } from '../../lib/module.js';
import { recordRoutes } from './routes.js';
import { RecordDownloadService } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    /** "Download my record": FHIR Bundle or PDF summary, behind step-up (docs/decisions/0043). */
    recordDownload: RecordDownloadService;
  }
}

/** The patient's own copy of the record: the FHIR module's compartment, step-up from identity. */
export const recordModule = defineModule({
  name: 'record',
  dependencies: ['audit', 'identity', 'fhir'],
  services: ({ config, database, services: { audit, stepUp, fhir } }) => ({
    recordDownload: new RecordDownloadService(database.db, { audit, stepUp, fhir }, config.publicUrl),
  }),
  async register(app, { config }) {
    await app.register(recordRoutes, { services: app.services, config });
  },
});
