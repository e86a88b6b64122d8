import { defineModule } from '../../lib/module.js';
import { coverageRoutes } from './coverage-routes.js';
import { profileRoutes } from './routes.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { FileRemovals, FileStore } from '../files/index.js';
import { CoverageRepository } from './coverage-repository.js';
import { CoverageService } from './coverage-service.js';
import { PlanService } from './plans.js';
import { ProfileRepository } from './repository.js';
import { ProfileService } from './service.js';

export { readProfileChange } from './validate.js';

/** The profile domain's services: demographics and the access log, coverages, the plan catalog. */
export interface ProfileModule {
  profile: ProfileService;
  coverages: CoverageService;
  plans: PlanService;
}

export function createProfile(
  db: Kysely<Database>,
  audit: AuditService,
  files: FileStore,
  removals: FileRemovals,
): ProfileModule {
  const coverageRepo = new CoverageRepository(db, files.fields);
  return {
    profile: new ProfileService(new ProfileRepository(db), audit),
    coverages: new CoverageService(coverageRepo, audit, files, removals),
    plans: new PlanService(coverageRepo, audit),
  };
}

declare module '../../lib/module.js' {
  interface Services {
    profile: ProfileModule;
  }
}

/** The patient's profile: demographics, the access log, insurance coverages and the plan catalog. */
export const profileModule = defineModule({
  name: 'profile',
  dependencies: ['audit', 'files'],
  services: ({ database, services: { audit, files, fileRemovals } }) => ({
    profile: createProfile(database.db, audit, files, fileRemovals),
  }),
  async register(app, { config }) {
    await app.register(profileRoutes, { services: app.services, config });
    await app.register(coverageRoutes, { services: app.services, config });
  },
});
