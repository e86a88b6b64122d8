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
    const link = this.patientLink(id);
    await this.mail.sendTo(to, (tr) => ({
      subject: tr.t('email.opinion.infoRequested.subject'),
      lines: [tr.t('email.opinion.infoRequested.body', { link })],
    }));
  }

  async opinionDelivered(to: string | null, id: string): Promise<void> {
    if (!to) return;
    const link = this.patientLink(id);
    await this.mail.sendTo(to, (tr) => ({
      subject: tr.t('email.opinion.delivered.subject'),
      lines: [tr.t('email.opinion.delivered.body', { link })],
    }));
  }

  async assigned(to: string | null, id: string): Promise<void> {
    if (!to) return;
    const link = `${this.publicUrl}/second-opinions/queue/${id}`;
    await this.mail.sendTo(to, (tr) => ({
      subject: tr.t('email.opinion.assigned.subject'),
      lines: [tr.t('email.opinion.assigned.body', { link })],
    }));
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
          const link = this.patientLink(id);
          await this.mail.sendTo(row.patient_email, (tr) => ({
            subject: tr.t('email.opinion.waiting.subject'),
            lines: [tr.t('email.opinion.waiting.body', { link }), '', tr.t('email.opinion.waiting.uploadLink')],
          }));
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
