import { defineModule } from '../../lib/module.js';
import { ResultsRepository } from './repository.js';
import { resultRoutes } from './routes.js';
import { ResultsService } from './service.js';

export { ResultsService } from './service.js';
export { storeReports } from './store.js';
export { interpret } from './rules.js';
export type { NewReportData } from './model.js';

declare module '../../lib/module.js' {
  interface Services {
    results: ResultsService;
  }
}

/** Test results: reports, observations, release rules, FHIR import. */
export const resultsModule = defineModule({
  name: 'results',
  dependencies: ['audit'],
  services: ({ database, services: { audit } }) => ({
    results: new ResultsService(new ResultsRepository(database.db), audit),
  }),
  async register(app, { config }) {
    await app.register(resultRoutes, { services: app.services, config });
  },
});
