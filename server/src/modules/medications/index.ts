import { defineModule } from '../../lib/module.js';
import { medicationRoutes } from './routes.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Idempotency } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { PharmacyService } from './pharmacies.js';
import { PharmacyRepository } from './pharmacy-repository.js';
import { RefillQueueService } from './refills.js';
import { MedicationsRepository } from './repository.js';
import { MedicationsService } from './service.js';

export { addDays, todayIn } from './eligibility.js';

export interface MedicationsModule {
  /** The patient's list and refill requests. */
  medications: MedicationsService;
  /** The patient's saved pharmacies. */
  pharmacies: PharmacyService;
  /** The care team's refill queue and decisions. */
  refills: RefillQueueService;
}

export function createMedications(deps: {
  db: Kysely<Database>;
  audit: AuditService;
  jobs: JobService;
  mail: MailService;
  publicUrl: string;
  idempotency: Idempotency;
}): MedicationsModule {
  const repo = new MedicationsRepository(deps.db);
  const pharmacyRepo = new PharmacyRepository(deps.db);
  return {
    medications: new MedicationsService(repo, pharmacyRepo, deps.audit, deps.idempotency),
    pharmacies: new PharmacyService(pharmacyRepo, deps.audit),
    refills: new RefillQueueService(repo, deps.audit, deps.jobs, deps.mail, deps.publicUrl),
  };
}

declare module '../../lib/module.js' {
  interface Services {
    medications: MedicationsModule;
  }
}

/** Medications: the patient's list, saved pharmacies, refill requests and the care team's queue. */
export const medicationsModule = defineModule({
  name: 'medications',
  dependencies: ['audit', 'jobs', 'mail', 'idempotency'],
  services: ({ config, database, services: { audit, jobs, mail, idempotency } }) => ({
    medications: createMedications({ db: database.db, audit, jobs, mail, publicUrl: config.publicUrl, idempotency }),
  }),
  async register(app, { config }) {
    await app.register(medicationRoutes, { services: app.services, config });
  },
});
