import { defineModule } from '../../lib/module.js';
import { adminRoutes } from './routes.js';

/** Administration pages: workforce users, the mail outbox, the audit search. No services of its own. */
export const adminModule = defineModule({
  name: 'admin',
  dependencies: ['audit', 'mail', 'identity'],
  async register(app, { config }) {
    await app.register(adminRoutes, { services: app.services, config });
  },
});
