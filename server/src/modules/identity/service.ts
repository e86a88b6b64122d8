/** The identity module's public face: other modules and routes use these, never the repository. */
export { AccountService, type AccountPolicy } from './accounts.js';
export { WorkforceService } from './workforce.js';
export { SessionService, type ActiveSession, type SessionLookup, type SessionPolicy } from './sessions.js';
export { hashPassword } from './passwords.js';
export { SignInLinkService } from './sign-in-link.js';
export { SignInThrottle, type ThrottlePolicy } from './throttle.js';
export { ThrottleRepository } from './throttle-repository.js';
export { DeviceService } from './devices.js';
export { DevicesRepository } from './devices-repository.js';
export { SsoService, type SsoSignIn } from './sso/index.js';
export { MfaService, type MfaPolicy } from './mfa.js';
export { MfaRepository } from './mfa-repository.js';
export { MfaKeys } from './mfa-crypto.js';
export { StepUpService } from './step-up.js';
export { MfaPolicyService } from './mfa-policy.js';
export { MfaPolicyRepository } from './mfa-policy-repository.js';
export { PasskeyService, type PasskeyPolicy } from './passkeys.js';
export { PasskeysRepository } from './passkeys-repository.js';
