import { defineModule } from '../../lib/module.js';
import { MessagingRepository } from './repository.js';
import { messagingRoutes } from './routes.js';
import { MessagingService } from './service.js';

export { readMessage } from './upload.js';

export { MessagingService } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    messaging: MessagingService;
  }
}

/** Secure messages between patients and their care team, with attachments. */
export const messagingModule = defineModule({
  name: 'messaging',
  dependencies: ['audit', 'jobs', 'mail', 'idempotency', 'files'],
  services: ({ config, database, services: { audit, jobs, mail, idempotency, files } }) => ({
    messaging: new MessagingService(
      new MessagingRepository(database.db),
      audit,
      jobs,
      mail,
      config.publicUrl,
      idempotency,
      files,
    ),
  }),
  async register(app, { config }) {
    await app.register(messagingRoutes, { services: app.services, config });
  },
});
