import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { AuditRepository } from '../modules/audit/repository.js';
import { AuditService } from '../modules/audit/service.js';
import { IdentityRepository } from '../modules/identity/repository.js';
import { AccountService, SessionService, WorkforceService } from '../modules/identity/service.js';
import { MailRepository } from '../modules/mail/repository.js';
import { MailService, type MailLogger } from '../modules/mail/service.js';
import { OrganizationRepository } from '../modules/organizations/repository.js';
import { OrganizationService } from '../modules/organizations/service.js';
import { PatientRepository } from '../modules/patients/repository.js';
import { PatientService } from '../modules/patients/service.js';
import { DirectoryRepository } from '../modules/directory/repository.js';
import { DirectoryService } from '../modules/directory/service.js';
import { JobRepository } from '../modules/jobs/repository.js';
import { JobService, type JobLogger } from '../modules/jobs/service.js';
import { SchedulingRepository } from '../modules/scheduling/repository.js';
import { createScheduling, type SchedulingServices } from '../modules/scheduling/service.js';

/** Every service, wired once per app. Routes receive this; nothing is a module-level singleton. */
export interface Services {
  audit: AuditService;
  mail: MailService;
  organizations: OrganizationService;
  sessions: SessionService;
  accounts: AccountService;
  workforce: WorkforceService;
  patients: PatientService;
  jobs: JobService;
  directory: DirectoryService;
  scheduling: SchedulingServices;
}

export function createServices(config: Config, database: DatabaseHandle, log: MailLogger & JobLogger): Services {
  const db = database.db;
  const audit = new AuditService(new AuditRepository(db));
  const mail = new MailService(new MailRepository(db), { smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const organizations = new OrganizationService(new OrganizationRepository(db));
  const identityRepo = new IdentityRepository(db);
  const sessions = new SessionService(identityRepo, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });
  const accounts = new AccountService(identityRepo, sessions, audit, mail, organizations, {
    publicUrl: config.publicUrl,
    lockoutThreshold: config.lockoutThreshold,
    lockoutMinutes: config.lockoutMinutes,
  });
  const workforce = new WorkforceService(identityRepo, accounts, audit, organizations);
  const patients = new PatientService(new PatientRepository(db), audit, accounts);
  const jobs = new JobService(new JobRepository(db), log);
  const directory = new DirectoryService(new DirectoryRepository(db), audit);
  const scheduling = createScheduling({
    repo: new SchedulingRepository(db),
    jobs,
    audit,
    mail,
    directory,
    publicUrl: config.publicUrl,
  });
  return { audit, mail, organizations, sessions, accounts, workforce, patients, jobs, directory, scheduling };
}
