import { defineModule } from '../../lib/module.js';
import { IdentityRepository } from './repository.js';
import { identityRoutes } from './routes.js';
import { AccountService, SessionService, WorkforceService } from './service.js';

export * from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    sessions: SessionService;
    accounts: AccountService;
    workforce: WorkforceService;
  }
}

/** Accounts, sign-in, sessions and workforce users. */
export const identityModule = defineModule({
  name: 'identity',
  dependencies: ['audit', 'mail', 'organizations'],
  services({ config, database, services: { audit, mail, organizations } }) {
    const repo = new IdentityRepository(database.db);
    const sessions = new SessionService(repo, {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    });
    const accounts = new AccountService(repo, sessions, audit, mail, organizations, {
      publicUrl: config.publicUrl,
      lockoutThreshold: config.lockoutThreshold,
      lockoutMinutes: config.lockoutMinutes,
    });
    return { sessions, accounts, workforce: new WorkforceService(repo, accounts, audit, organizations) };
  },
  async register(app, { config }) {
    await app.register(identityRoutes, { services: app.services, config });
  },
});
