import { adminModule } from './modules/admin/index.js';
import { auditModule } from './modules/audit/index.js';
import { billingModule } from './modules/billing/index.js';
import { connectivityModule } from './modules/connectivity/index.js';
import { directoryModule } from './modules/directory/index.js';
import { fhirModule } from './modules/fhir/index.js';
import { filesModule } from './modules/files/index.js';
import { healthModule } from './modules/health/index.js';
import { idempotencyModule } from './modules/idempotency/index.js';
import { identityModule } from './modules/identity/index.js';
import { internationalModule } from './modules/international/index.js';
import { jobsModule } from './modules/jobs/index.js';
import { mailModule } from './modules/mail/index.js';
import { medicationsModule } from './modules/medications/index.js';
import { messagingModule } from './modules/messaging/index.js';
import { opinionsModule } from './modules/opinions/index.js';
import { organizationsModule } from './modules/organizations/index.js';
import { patientsModule } from './modules/patients/index.js';
import { recordModule } from './modules/record/index.js';
import { profileModule } from './modules/profile/index.js';
import { proxiesModule } from './modules/proxies/index.js';
import { registrationModule } from './modules/registration/index.js';
import { resultsModule } from './modules/results/index.js';
import { smartModule } from './modules/smart/index.js';
import { schedulingModule } from './modules/scheduling/index.js';
import { visitsModule } from './modules/visits/index.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { buildServices, type ModulePlugin, type ServiceLogger, type Services } from './lib/module.js';

/**
 * Every server module, in dependency order: each one's `dependencies` come before it (Fastify
 * refuses to start otherwise). Adding a module: docs/architecture.md.
 */
export const MODULES: readonly ModulePlugin[] = [
  healthModule,
  jobsModule,
  auditModule,
  mailModule,
  filesModule,
  idempotencyModule,
  organizationsModule,
  identityModule,
  patientsModule,
  proxiesModule,
  adminModule,
  schedulingModule,
  directoryModule,
  connectivityModule,
  visitsModule,
  messagingModule,
  resultsModule,
  profileModule,
  medicationsModule,
  billingModule,
  opinionsModule,
  registrationModule,
  internationalModule,
  fhirModule,
  recordModule,
  smartModule,
];

/**
 * Every module's services on a database, without an app: no routes, no visit bus started. What a
 * restarted process or a worker has; tests use it to play a second process.
 */
export function createServices(config: Config, database: DatabaseHandle, log: ServiceLogger): Services {
  return buildServices(MODULES, { config, database, log });
}
