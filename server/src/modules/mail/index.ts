import { defineModule } from '../../lib/module.js';
import { MailRepository } from './repository.js';
import { MailService } from './service.js';

export { MailService, type Compose, type MailContent, type MailMessage } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Sends email over SMTP, or keeps it in the outbox when no relay is set. */
    mail: MailService;
  }
}

/** Outgoing email (never patient data, only "you have something new" and a link). */
export const mailModule = defineModule({
  name: 'mail',
  dependencies: [],
  services: ({ config, database, log }) => ({
    mail: new MailService(new MailRepository(database.db), { smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
  }),
  async register(app) {
    const { mail } = app.services;
    app.addHook('onClose', async () => mail.close());
  },
});
