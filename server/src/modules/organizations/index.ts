import { defineModule } from '../../lib/module.js';
import { OrganizationRepository } from './repository.js';
import { organizationRoutes } from './routes.js';
import { OrganizationService } from './service.js';

export { OrganizationService } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    organizations: OrganizationService;
  }
}

/** The hospitals and clinics using this Portico, and their settings. */
export const organizationsModule = defineModule({
  name: 'organizations',
  dependencies: [],
  services: ({ database }) => ({ organizations: new OrganizationService(new OrganizationRepository(database.db)) }),
  async register(app, { config }) {
    await app.register(organizationRoutes, { services: app.services, config });
  },
});
