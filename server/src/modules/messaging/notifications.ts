import type { MailService } from '../mail/index.js';
import type { MessagingRepository } from './repository.js';

/** Tells the other side a message is waiting (the `message.notify` job). */
export class MessageNotifier {
  constructor(
    private readonly repo: MessagingRepository,
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {}

  /** "You have a new message in Portico" and a link: nothing else, ever. */
  async notify(threadId: string, to: 'patient' | 'clinician'): Promise<void> {
    const thread = await this.repo.thread(threadId, { kind: 'all' });
    if (!thread) return;
    const address =
      to === 'patient'
        ? (await this.repo.patientContact(thread.patient_id))?.email
        : thread.clinician_user_id
          ? (await this.repo.userEmail(thread.clinician_user_id))?.email
          : undefined;
    if (!address) return;
    const link = `${this.publicUrl}/messages/${thread.id}`;
    await this.mail.sendTo(address, (tr) => ({
      subject: tr.t('email.message.subject'),
      lines: [tr.t('email.message.body'), '', tr.t('email.message.link', { link })],
    }));
  }
}
