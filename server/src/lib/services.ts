import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { Idempotency, PURGE_JOB } from './idempotency.js';
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
import type { BusLogger } from '../modules/visits/bus-postgres.js';
import { SchedulingRepository } from '../modules/scheduling/repository.js';
import { createScheduling, type SchedulingServices } from '../modules/scheduling/service.js';
import { createVisits, type VisitsModule } from '../modules/visits/module.js';
import { ProxyRepository } from '../modules/proxies/repository.js';
import { ProxyService } from '../modules/proxies/service.js';
import { MessagingRepository } from '../modules/messaging/repository.js';
import { MessagingService } from '../modules/messaging/service.js';
import { ResultsRepository } from '../modules/results/repository.js';
import { ResultsService } from '../modules/results/service.js';
import { BillingRepository } from '../modules/billing/repository.js';
import { BillingService } from '../modules/billing/service.js';
import { PaymentService } from '../modules/billing/payments.js';
import { TestProcessor } from '../modules/billing/processor.js';
import { StripeProcessor } from '../modules/billing/stripe-processor.js';
import { StatementService } from '../modules/billing/statements.js';
import { DisputeRepository } from '../modules/billing/dispute-repository.js';
import { DisputeService } from '../modules/billing/disputes.js';
import { RuleSetRepository } from '../modules/billing/rule-set-repository.js';
import { RuleSetService } from '../modules/billing/rule-sets.js';
import { BillingOfficeService } from '../modules/billing/office.js';
import { OfficeRepository } from '../modules/billing/office-repository.js';
import { PaymentReminders } from '../modules/billing/reminders.js';
import { createProfile, type ProfileModule } from '../modules/profile/module.js';
import { createMedications, type MedicationsModule } from '../modules/medications/module.js';
import { createOpinions, type OpinionsModule } from '../modules/opinions/module.js';
import { createRegistration, type RegistrationModule } from '../modules/registration/module.js';
import { createInternational, type InternationalModule } from '../modules/international/module.js';
import { createFhir, type FhirModule } from '../modules/fhir/module.js';

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
  visits: VisitsModule;
  proxies: ProxyService;
  messaging: MessagingService;
  results: ResultsService;
  billing: BillingService;
  billingOffice: BillingOfficeService;
  paymentReminders: PaymentReminders;
  statements: StatementService;
  disputes: DisputeService;
  /** Fee rule versions per organization (admins schedule, staff read). */
  ruleSets: RuleSetService;
  payments: PaymentService;
  profile: ProfileModule;
  medications: MedicationsModule;
  /** Second-opinion requests with encrypted, resumable record uploads. */
  opinions: OpinionsModule;
  /** New-patient registration with MRNs, opening hours, tech-help requests. */
  registration: RegistrationModule;
  /** International patient center: profiles, requests, doctor links, estimates and deposits. */
  international: InternationalModule;
  /** Stored answers of retry-safe creates (Idempotency-Key). */
  idempotency: Idempotency;
  /** The FHIR R4 API (/fhir/R4); the SMART module sets its bearer verifier. */
  fhir: FhirModule;
}

export function createServices(
  config: Config,
  database: DatabaseHandle,
  log: MailLogger & JobLogger & BusLogger,
): Services {
  const db = database.db;
  const audit = new AuditService(new AuditRepository(db));
  const idempotency = new Idempotency(db, {
    onReplay: (caller, operation) =>
      audit.record(caller, {
        action: 'idempotent.replay',
        entityType: 'IdempotentRequest',
        patientId: caller.actingForPatientId,
        outcome: 'allowed',
        detail: { operation },
      }),
  });
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
  jobs.register(PURGE_JOB, async () => void (await idempotency.purgeExpired()));
  const directory = new DirectoryService(new DirectoryRepository(db), audit);
  const scheduling = createScheduling({
    repo: new SchedulingRepository(db),
    jobs,
    audit,
    mail,
    directory,
    publicUrl: config.publicUrl,
    idempotency,
  });
  const visits = createVisits({ config, database, audit, mail, log });
  scheduling.onAppointmentChanged((appointmentId) => visits.visits.appointmentChanged(appointmentId));
  const proxies = new ProxyService(new ProxyRepository(db), audit);
  const billingRepo = new BillingRepository(db);
  const processor =
    config.paymentProcessor === 'test'
      ? new TestProcessor()
      : config.stripe
        ? new StripeProcessor({
            secretKey: config.stripe.secretKey,
            apiBase: config.stripe.apiBase,
            returnUrl: `${config.publicUrl}/billing/pay`,
          })
        : null;
  const statements = new StatementService(billingRepo, audit, mail, config.publicUrl);
  const disputeRepo = new DisputeRepository(db);
  const billing = new BillingService(billingRepo, audit, jobs, processor?.name ?? 'none', statements, disputeRepo);
  const disputes = new DisputeService(disputeRepo, billingRepo, audit, mail, config.publicUrl, idempotency);
  visits.visits.onEnded((encounterId) => billing.visitEnded(encounterId));
  const payments = new PaymentService(billingRepo, processor, audit, mail, config.publicUrl);
  const officeRepo = new OfficeRepository(db);
  const billingOffice = new BillingOfficeService(billingRepo, officeRepo, billing, processor, audit);
  const paymentReminders = new PaymentReminders(officeRepo, mail, jobs, config.publicUrl);
  const opinions = createOpinions({
    db,
    audit,
    jobs,
    mail,
    files: config.files,
    publicUrl: config.publicUrl,
    idempotency,
  });
  const fhir = createFhir({
    db,
    audit,
    publicUrl: config.publicUrl,
    binaries: {
      opinionFile: (caller, requestId, docId) => opinions.opinions.documentContent(caller, requestId, docId),
      statementPdf: (caller, id) => statements.statementPdf(caller, id),
    },
  });
  const messaging = new MessagingService(new MessagingRepository(db), audit, jobs, mail, config.publicUrl, idempotency);
  return {
    audit,
    mail,
    organizations,
    sessions,
    accounts,
    workforce,
    patients,
    jobs,
    directory,
    scheduling,
    visits,
    proxies,
    messaging,
    results: new ResultsService(new ResultsRepository(db), audit),
    billing,
    billingOffice,
    paymentReminders,
    statements,
    disputes,
    ruleSets: new RuleSetService(new RuleSetRepository(db), audit),
    payments,
    profile: createProfile(db, audit),
    medications: createMedications({ db, audit, jobs, mail, publicUrl: config.publicUrl, idempotency }),
    opinions,
    fhir,
    registration: createRegistration({
      db,
      audit,
      mail,
      accounts,
      organizations,
      messaging,
      publicUrl: config.publicUrl,
      idempotency,
    }),
    idempotency,
    international: createInternational({ db, audit, processor, publicUrl: config.publicUrl, idempotency }),
  };
}
