import { defineModule } from '../../lib/module.js';
import { registrationRoutes } from './routes.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Idempotency } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';
import type { AccountService } from '../identity/index.js';
import type { MailService } from '../mail/index.js';
import type { MessagingService } from '../messaging/index.js';
import type { OrganizationService } from '../organizations/index.js';
import { HoursRepository } from './hours-repository.js';
import { HoursService } from './hours-service.js';
import { RegistrationRepository } from './repository.js';
import { RegistrationService } from './service.js';
import { SupportRepository } from './support-repository.js';
import { SupportService } from './support.js';

/** Registration with MRNs and duplicate review, opening hours, and tech-help requests. */
export interface RegistrationModule {
  registrations: RegistrationService;
  hours: HoursService;
  support: SupportService;
}

export function createRegistration(deps: {
  db: Kysely<Database>;
  audit: AuditService;
  mail: MailService;
  accounts: AccountService;
  organizations: OrganizationService;
  messaging: MessagingService;
  publicUrl: string;
  idempotency: Idempotency;
  files: FileStore;
}): RegistrationModule {
  return {
    registrations: new RegistrationService({
      repo: new RegistrationRepository(deps.db),
      audit: deps.audit,
      mail: deps.mail,
      accounts: deps.accounts,
      organizations: deps.organizations,
      publicUrl: deps.publicUrl,
      idempotency: deps.idempotency,
      fields: deps.files.fields,
    }),
    hours: new HoursService(new HoursRepository(deps.db), deps.organizations),
    support: new SupportService(new SupportRepository(deps.db), deps.messaging, deps.audit, deps.idempotency),
  };
}

declare module '../../lib/module.js' {
  interface Services {
    /** New-patient registration with MRNs, opening hours, tech-help requests. */
    registration: RegistrationModule;
  }
}

/** New-patient registration, opening hours and tech-help requests. */
export const registrationModule = defineModule({
  name: 'registration',
  dependencies: ['audit', 'mail', 'identity', 'organizations', 'messaging', 'idempotency', 'files'],
  services: ({
    config,
    database,
    services: { audit, mail, accounts, organizations, messaging, idempotency, files },
  }) => ({
    registration: createRegistration({
      db: database.db,
      audit,
      mail,
      accounts,
      organizations,
      messaging,
      publicUrl: config.publicUrl,
      idempotency,
      files,
    }),
  }),
  async register(app, { config }) {
    await app.register(registrationRoutes, { services: app.services, config });
  },
});
