import { defineModule } from '../../lib/module.js';
import { PatientRepository } from './repository.js';
import { patientRoutes } from './routes.js';
import { PatientService } from './service.js';

export { PatientService } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    patients: PatientService;
  }
}

/** Patient records: search, create, activation codes. */
export const patientsModule = defineModule({
  name: 'patients',
  dependencies: ['audit', 'identity'],
  services: ({ database, services: { audit, accounts } }) => ({
    patients: new PatientService(new PatientRepository(database.db), audit, accounts),
  }),
  async register(app, { config }) {
    await app.register(patientRoutes, { services: app.services, config });
  },
});
