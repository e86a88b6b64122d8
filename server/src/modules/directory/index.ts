import { defineModule } from '../../lib/module.js';
import { registerNextAvailableJobs } from './next-available.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DirectoryRepository } from './repository.js';
import { directoryRoutes } from './routes.js';
import { DirectoryService } from './service.js';

export { DirectoryService } from './service.js';

/** Rebuilds the directory's search index for every clinician (the demo seed, after loading them). */
export function refreshDirectorySearch(db: Kysely<Database>): Promise<void> {
  return new DirectoryRepository(db).refreshSearch(null);
}
export { NEXT_AVAILABLE_ALL_JOB, NEXT_AVAILABLE_JOB } from './next-available.js';

declare module '../../lib/module.js' {
  interface Services {
    /** "Find a Virtual Visit Doctor": clinician cards, clinical areas, search words. */
    directory: DirectoryService;
  }
}

/**
 * The clinician directory. It comes after scheduling: its pages show each clinician's visit
 * types and open slots, and it keeps "next available" up to date from scheduling's slots.
 */
export const directoryModule = defineModule({
  name: 'directory',
  dependencies: ['audit', 'jobs', 'scheduling'],
  services({ database, services: { audit, jobs, scheduling } }) {
    const directory = new DirectoryService(new DirectoryRepository(database.db), audit);
    registerNextAvailableJobs(jobs, directory, scheduling.availability);
    return { directory };
  },
  async register(app, { config }) {
    await app.register(directoryRoutes, { services: app.services, config });
  },
});
