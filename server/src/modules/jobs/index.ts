import { defineModule } from '../../lib/module.js';
import { JobRepository } from './repository.js';
import { JobService } from './service.js';

export { JobService, type JobHandler, type JobLogger } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Durable background jobs: modules register handlers, main.ts runs the poller. */
    jobs: JobService;
  }
}

/** Durable jobs in the database, claimed with SKIP LOCKED by any process. */
export const jobsModule = defineModule({
  name: 'jobs',
  dependencies: [],
  services: ({ database, log }) => ({ jobs: new JobService(new JobRepository(database.db), log) }),
});
