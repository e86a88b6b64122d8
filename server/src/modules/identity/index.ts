import { defineModule } from '../../lib/module.js';
import { IdentityRepository } from './repository.js';
import { identityRoutes } from './routes.js';
import { RelyingParty, SsoRepository, SsoService, ssoRoutes } from './sso/index.js';
import {
  AccountService,
  DeviceService,
  DevicesRepository,
  MfaKeys,
  MfaPolicyRepository,
  MfaPolicyService,
  MfaRepository,
  MfaService,
  PasswordService,
  SessionService,
  SignInLinkService,
  SignInThrottle,
  StepUpService,
  ThrottleRepository,
  WorkforceService,
} from './service.js';
import { mfaRoutes } from './mfa-routes.js';
import { passkeyRoutes } from './passkey-routes.js';
import { PasskeyService } from './passkeys.js';
import { PasskeysRepository } from './passkeys-repository.js';

export * from './service.js';

/** Hourly: sign-in throttle counters past their window, and expired passkey challenges, are forgotten. */
export const THROTTLE_PURGE_JOB = 'identity.throttle-purge';

declare module '../../lib/module.js' {
  interface Services {
    sessions: SessionService;
    accounts: AccountService;
    /** Password reset by emailed link, a workforce account's first password, password change. */
    passwords: PasswordService;
    /** One-time sign-in links by email (issue 13). */
    signInLinks: SignInLinkService;
    /** "Where you're signed in" (issue 13). */
    devices: DeviceService;
    workforce: WorkforceService;
    /** Workforce single sign-on through the hospital's OpenID provider; null when not configured. */
    sso: SsoService | null;
    /** Second factor: authenticator app, recovery codes, pending sign-ins, trusted devices (issue 13). */
    mfa: MfaService;
    /** Passkeys (WebAuthn): sign-in, second step, step-up (issue 13). */
    passkeys: PasskeyService;
    /** Re-authentication within the last minutes before sensitive changes (issue 13). */
    stepUp: StepUpService;
    /** Each organization's second-factor policy, for its administrators (issue 13). */
    mfaPolicy: MfaPolicyService;
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
      mfaRequiredRoles: config.mfa.requiredRoles,
      cacheMs: config.sessionCacheSeconds * 1000,
    });
    const throttle = new SignInThrottle(new ThrottleRepository(database.db), {
      freeTries: config.signInFreeTries,
      freeTriesPerAddress: config.signInFreeTriesPerAddress,
      firstDelaySeconds: config.signInFirstDelaySeconds,
      maxDelaySeconds: config.signInMaxDelaySeconds,
    });
    // Sign-in throttle counters past their window (docs/decisions/0025).
    jobs.every('hour', THROTTLE_PURGE_JOB, 'throttle-purge');
    // The same hourly sweep forgets expired passkey challenges.
    jobs.register(THROTTLE_PURGE_JOB, async () => {
      await throttle.purge();
      await passkeys.purgeChallenges();
    });
    const accountPolicy = { publicUrl: config.publicUrl, workforceLocalPasswords: config.workforceLocalPasswords };
    const accounts = new AccountService(repo, sessions, audit, mail, organizations, throttle, accountPolicy, jobs);
    const passwords = new PasswordService(repo, sessions, audit, mail, accountPolicy, jobs);
    // Sign-up and reset requests are finished by jobs, so every email costs the request the same.
    accounts.registerJobs();
    passwords.registerJobs();
    const mfaRepo = new MfaRepository(database.db);
    const mfa = new MfaService(
      mfaRepo,
      repo,
      new MfaKeys(config.mfa),
      audit,
      mail,
      {
        publicUrl: config.publicUrl,
        trustedDeviceDays: config.mfa.trustedDeviceDays,
      },
      sessions,
    );
    const passkeys = new PasskeyService(new PasskeysRepository(database.db), mfa, repo, throttle, audit, {
      publicUrl: config.publicUrl,
      workforceLocalPasswords: config.workforceLocalPasswords,
    });
    const signInLinks = new SignInLinkService(
      repo,
      throttle,
      audit,
      mail,
      config.publicUrl,
      jobs,
      config.workforceLocalPasswords,
    );
    signInLinks.registerJobs();
    const stepUp = new StepUpService(
      mfaRepo,
      repo,
      mfa,
      audit,
      config.mfa.stepUpMinutes,
      config.workforceLocalPasswords,
    );
    return {
      sessions,
      passkeys,
      accounts,
      passwords,
      mfa,
      stepUp,
      mfaPolicy: new MfaPolicyService(
        new MfaPolicyRepository(database.db),
        stepUp,
        audit,
        config.mfa.requiredRoles,
        sessions,
      ),
      signInLinks,
      devices: new DeviceService(new DevicesRepository(database.db), sessions, audit, (userId) =>
        mfa.revokeTrustedDevices(userId),
      ),
      workforce: new WorkforceService(repo, passwords, audit, organizations),
      sso: config.sso
        ? new SsoService(
            config.sso,
            new RelyingParty(config.sso),
            new SsoRepository(database.db),
            repo,
            organizations,
            audit,
          )
        : null,
    };
  },
  async register(app, { config }) {
    await app.register(identityRoutes, { services: app.services, config });
    await app.register(ssoRoutes, { services: app.services, config });
    await app.register(mfaRoutes, { services: app.services, config });
    await app.register(passkeyRoutes, { services: app.services, config });
  },
});
