/** Workforce single sign-on, part of the identity module (docs/decisions/0032). */
export { SsoService, ssoError, type SsoSignIn } from './service.js';
export { localPasswordAllowed, localPasswordDisabled } from './local-passwords.js';
export { SsoRepository } from './repository.js';
export { RelyingParty } from './relying-party.js';
export { ssoRoutes } from './routes.js';
