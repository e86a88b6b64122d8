import { defineModule } from '../../lib/module.js';
import { IdentityRepository } from './repository.js';
import { identityRoutes } from './routes.js';
import {
  AccountService,
  DeviceService,
  DevicesRepository,
  SessionService,
  SignInLinkService,
  SignInThrottle,
  ThrottleRepository,
  WorkforceService,
} from './service.js';

export * from './service.js';

/** Hourly: sign-in throttle counters past their window are forgotten. */
export const THROTTLE_PURGE_JOB = 'identity.throttle-purge';

declare module '../../lib/module.js' {
  interface Services {
    sessions: SessionService;
    accounts: AccountService;
    /** One-time sign-in links by email (issue 13). */
    signInLinks: SignInLinkService;
    /** "Where you're signed in" (issue 13). */
    devices: DeviceService;
    workforce: WorkforceService;
  }
}

/** Accounts, sign-in (throttled, never revealing which emails exist), sessions and workforce users. */
export const identityModule = defineModule({
  name: 'identity',
  dependencies: ['audit', 'mail', 'organizations', 'jobs'],
  services({ config, database, services: { audit, mail, organizations, jobs } }) {
    const repo = new IdentityRepository(database.db);
    const sessions = new SessionService(repo, {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    });
    const throttle = new SignInThrottle(new ThrottleRepository(database.db), {
      freeTries: config.signInFreeTries,
      freeTriesPerAddress: config.signInFreeTriesPerAddress,
      firstDelaySeconds: config.signInFirstDelaySeconds,
      maxDelaySeconds: config.signInMaxDelaySeconds,
    });
    // Sign-in throttle counters past their window (docs/decisions/0025).
    jobs.every('hour', THROTTLE_PURGE_JOB, 'throttle-purge');
    jobs.register(THROTTLE_PURGE_JOB, async () => void (await throttle.purge()));
    const accounts = new AccountService(repo, sessions, audit, mail, organizations, throttle, {
      publicUrl: config.publicUrl,
    });
    return {
      sessions,
      accounts,
      signInLinks: new SignInLinkService(repo, throttle, audit, mail, config.publicUrl),
      devices: new DeviceService(new DevicesRepository(database.db), sessions, audit),
      workforce: new WorkforceService(repo, accounts, audit, organizations),
    };
  },
  async register(app, { config }) {
    await app.register(identityRoutes, { services: app.services, config });
  },
});
