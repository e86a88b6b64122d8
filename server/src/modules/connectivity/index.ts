import { defineModule } from '../../lib/module.js';
import { connectivityRoutes } from './routes.js';

/** The device check's connection test (round trip, throughput, relay). No services of its own. */
export const connectivityModule = defineModule({
  name: 'connectivity',
  dependencies: [],
  async register(app, { config }) {
    await app.register(connectivityRoutes, { services: app.services, config });
  },
});
