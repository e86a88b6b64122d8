import { defineModule } from '../../lib/module.js';
import { SmartModule, SMART_PURGE_JOB } from './module.js';
import { smartOauthRoutes, smartRoutes } from './routes.js';

export { SmartModule, SMART_PURGE_JOB, FHIR_PATH } from './module.js';

declare module '../../lib/module.js' {
  interface Services {
    /** SMART App Launch: authorization server, registered apps, approvals, bearer tokens. */
    smart: SmartModule;
  }
}

/**
 * SMART App Launch 2.0 on oidc-provider (docs/decisions/0024): the authorization server under
 * /oauth, app registration, patients' approvals and connected apps, and the bearer-token check
 * the FHIR API uses.
 */
export const smartModule = defineModule({
  name: 'smart',
  dependencies: ['audit', 'jobs', 'identity', 'proxies', 'fhir'],
  services({ config, database, services: { audit, jobs, proxies, fhir } }) {
    const smart = new SmartModule({
      db: database.db,
      audit,
      proxies,
      files: config.files,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      privateJwks: config.smartPrivateJwks,
    });
    // Expired codes, tokens and sessions of the authorization server.
    jobs.every('hour', SMART_PURGE_JOB, 'smart-purge');
    jobs.register(SMART_PURGE_JOB, async () => void (await smart.purgeExpired()));
    fhir.setBearerVerifier(smart.verifier.bearerVerifier);
    return { smart };
  },
  async register(app, { config }) {
    await app.register(smartRoutes, { services: app.services, config });
    await app.register(smartOauthRoutes, { services: app.services, config });
  },
});
