import { defineModule } from '../../lib/module.js';
import { DisputeRepository } from './dispute-repository.js';
import { DisputeService } from './disputes.js';
import { BillingOfficeService } from './office.js';
import { OfficeRepository } from './office-repository.js';
import { billingOfficeRoutes } from './office-routes.js';
import { PaymentService } from './payments.js';
import { TestProcessor, type CardProcessor } from './processor.js';
import { PaymentReminders } from './reminders.js';
import { BillingRepository } from './repository.js';
import { billingRoutes } from './routes.js';
import { billingRuleRoutes } from './rule-routes.js';
import { RuleSetRepository } from './rule-set-repository.js';
import { RuleSetService } from './rule-sets.js';
import { BillingService } from './service.js';
import { StatementService } from './statements.js';
import { StripeProcessor } from './stripe-processor.js';

export { ProcessorUnavailable, expiryValid, luhnValid, type CardProcessor } from './processor.js';

export { BillingService } from './service.js';
export { chargeEndedVisit } from './charge.js';
export { CardPaymentRecorder, paymentUpdateColumns, type PaymentStore, type PaymentUpdate } from './card-payment.js';

declare module '../../lib/module.js' {
  interface Services {
    billing: BillingService;
    billingOffice: BillingOfficeService;
    paymentReminders: PaymentReminders;
    statements: StatementService;
    disputes: DisputeService;
    /** Fee rule versions per organization (admins schedule, staff read). */
    ruleSets: RuleSetService;
    payments: PaymentService;
    /** The configured card processor (test or Stripe), or null when payments are off. */
    cardProcessor: CardProcessor | null;
  }
}

/** Billing: charges for ended visits, statements, payments, disputes, fee rules and the billing office. */
export const billingModule = defineModule({
  name: 'billing',
  dependencies: ['audit', 'jobs', 'mail', 'idempotency', 'visits'],
  services({ config, database, services: { audit, jobs, mail, idempotency, visits } }) {
    const db = database.db;
    const repo = new BillingRepository(db);
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
    const statements = new StatementService(repo, audit, mail, config.publicUrl);
    const disputeRepo = new DisputeRepository(db);
    const billing = new BillingService(repo, audit, jobs, processor?.name ?? 'none', statements, disputeRepo);
    // A visit that ends is charged.
    visits.visits.onEnded((encounterId, trx) => billing.visitEnded(encounterId, trx));
    const officeRepo = new OfficeRepository(db);
    return {
      cardProcessor: processor,
      billing,
      statements,
      disputes: new DisputeService(disputeRepo, repo, audit, mail, config.publicUrl, idempotency),
      payments: new PaymentService(repo, processor, audit, mail, config.publicUrl),
      billingOffice: new BillingOfficeService(repo, officeRepo, billing, processor, audit),
      paymentReminders: new PaymentReminders(officeRepo, mail, jobs, config.publicUrl),
      ruleSets: new RuleSetService(new RuleSetRepository(db), audit),
    };
  },
  async register(app, { config }) {
    await app.register(billingRoutes, { services: app.services, config });
    await app.register(billingRuleRoutes, { services: app.services, config });
    await app.register(billingOfficeRoutes, { services: app.services, config });
  },
});
