import { defineModule } from '../../lib/module.js';
import { ProxyRepository } from './repository.js';
import { proxyRoutes } from './routes.js';
import { ProxyService } from './service.js';

export { ProxyService } from './service.js';
export { ALL_AREAS } from './rules.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Proxy access: who may open whose record, and which areas of it (also asked on every request). */
    proxies: ProxyService;
  }
}

/** Shared access: parents, caregivers and other proxies. */
export const proxiesModule = defineModule({
  name: 'proxies',
  // identity: step-up before sharing a record (its routes), and the session cache to forget an open record.
  dependencies: ['audit', 'identity'],
  services: ({ database, services: { audit, sessions } }) => ({
    proxies: new ProxyService(new ProxyRepository(database.db), audit, sessions),
  }),
  async register(app, { config }) {
    await app.register(proxyRoutes, { services: app.services, config });
  },
});
