import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { checklistFor, isComplete } from './checklist.js';
import type { OpinionsRepository } from './repository.js';

export const OPINION_REMINDER_JOB = 'opinions.reminders';

/**
 * Emails about second-opinion requests. They name nothing medical — not the department, the
 * condition or the opinion — only that something is waiting in Portico, with a link.
 */
export class OpinionNotices {
  constructor(
    private readonly repo: OpinionsRepository,
    private readonly mail: MailService,
    jobs: JobService,
    private readonly publicUrl: string,
  ) {
    jobs.every('day', OPINION_REMINDER_JOB, 'opinion-reminders');
    jobs.register(OPINION_REMINDER_JOB, async () => void (await this.sendReminders(new Date())));
  }

  private patientLink(id: string): string {
    return `${this.publicUrl}/second-opinions/${id}`;
  }

  async infoRequested(to: string | null, id: string): Promise<void> {
    if (!to) return;
    await this.mail.send({
      to,
      subject: 'Your second-opinion request needs something from you',
      text: `The care team reviewing your second-opinion request asked for more information. See what is needed and upload it here:\n${this.patientLink(id)}\n`,
    });
  }

  async opinionDelivered(to: string | null, id: string): Promise<void> {
    if (!to) return;
    await this.mail.send({
      to,
      subject: 'Your second opinion is ready',
      text: `The specialist's written opinion on your request is ready to read in Portico:\n${this.patientLink(id)}\n`,
    });
  }

  async assigned(to: string | null, id: string): Promise<void> {
    if (!to) return;
    await this.mail.send({
      to,
      subject: 'A second-opinion request was assigned to you',
      text: `A second-opinion request is waiting for your review in Portico:\n${this.publicUrl}/second-opinions/queue/${id}\n`,
    });
  }

  /**
   * The daily sweep: a patient whose request still misses records is reminded, and so is a
   * specialist holding a complete request under review. At most one reminder a day per request.
   */
  async sendReminders(now: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.repo.remindable(now, 100);
      if (due.length === 0) return sent;
      for (const { id } of due) {
        // Stamped first, so a failing address never stalls the sweep.
        await this.repo.updateRequest(id, { last_reminded_at: now });
        const row = await this.repo.request(id);
        if (!row) continue;
        const [docs, needs] = await Promise.all([this.repo.documents(id), this.repo.needs(id)]);
        const complete = isComplete(checklistFor(row, docs, needs));
        if (!complete && (row.status === 'submitted' || row.status === 'records_pending')) {
          if (!row.patient_email) continue;
          await this.mail.send({
            to: row.patient_email,
            subject: 'Your second-opinion request is waiting for records',
            text: `Your second-opinion request cannot be reviewed until the records on its checklist arrive. See what is missing:\n${this.patientLink(id)}\n\nYour doctor can also send them with an upload link you create on that page.\n`,
          });
          sent++;
        } else if (complete && row.status === 'under_review' && row.specialist_id) {
          const specialist = await this.repo.clinician(row.specialist_id);
          if (!specialist?.email) continue;
          await this.assigned(specialist.email, id);
          sent++;
        }
      }
    }
  }
}
