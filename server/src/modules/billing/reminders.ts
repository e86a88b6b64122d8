import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import type { OfficeRepository } from './office-repository.js';

export const REMINDER_JOB = 'billing.payment_reminders';
/** A reminder goes out three weeks after the newest statement, and at most once a month after that. */
export const REMINDER_AFTER_DAYS = 21;
export const REMINDER_EVERY_DAYS = 30;

/**
 * Payment reminders. The amount due leaves out every charge under an open dispute: a patient who
 * asked about a bill is not chased for it until the billing office has answered. The email names
 * no amount or visit, only that a bill is waiting in Portico.
 */
export class PaymentReminders {
  constructor(
    private readonly office: OfficeRepository,
    private readonly mail: MailService,
    jobs: JobService,
    private readonly publicUrl: string,
  ) {
    // One sweep a day, whichever process gets there first.
    jobs.every('day', REMINDER_JOB, 'billing-reminders');
    jobs.register(REMINDER_JOB, async () => void (await this.sendDue(new Date())));
  }

  /** Sends the reminders due now, in batches; returns how many went out. */
  async sendDue(now: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.office.reminderDue(now, REMINDER_AFTER_DAYS, REMINDER_EVERY_DAYS, 200);
      if (due.length === 0) return sent;
      for (const patient of due) {
        // Recorded first, even without an address, so the sweep moves on to the next patient.
        await this.office.recordReminder(patient.organization_id, patient.patient_id, patient.due);
        if (!patient.email) continue;
        const link = `${this.publicUrl}/billing`;
        await this.mail.sendTo(patient.email, (tr) => ({
          subject: tr.t('email.paymentReminder.subject'),
          lines: [tr.t('email.paymentReminder.body', { link }), '', tr.t('email.paymentReminder.paid')],
        }));
        sent++;
      }
    }
  }
}
