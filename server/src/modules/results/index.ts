import { defineModule } from '../../lib/module.js';
import { ResultRecord } from './record.js';
import { RecordRepository } from './record-repository.js';
import { ResultsRepository } from './repository.js';
import { resultRoutes } from './routes.js';
import { ResultsService } from './service.js';

export { ResultsService } from './service.js';
export { ResultRecord } from './record.js';
export type {
  CodeTest,
  LabObservationRow,
  RecordObservation,
  RecordPage,
  RecordQuery,
  ReportRecordRow,
  TimeTest,
  VitalRow,
} from './record-repository.js';
export { VITAL_KINDS, VITAL_SIGNS, type VitalDefinition, type VitalKind } from './vitals.js';
export { storeReports } from './store.js';
export { interpret } from './rules.js';
export type { NewReportData } from './model.js';

declare module '../../lib/module.js' {
  interface Services {
    results: ResultsService;
    /** One patient's results and vital signs with searches done in SQL (for the FHIR API). */
    resultRecord: ResultRecord;
  }
}

/** Test results: reports, observations, release rules, FHIR import. */
export const resultsModule = defineModule({
  name: 'results',
  dependencies: ['audit'],
  services: ({ database, services: { audit } }) => ({
    results: new ResultsService(new ResultsRepository(database.db), audit),
    resultRecord: new ResultRecord(new RecordRepository(database.db)),
  }),
  async register(app, { config }) {
    await app.register(resultRoutes, { services: app.services, config });
  },
});
