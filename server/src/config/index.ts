/**
 * Configuration, read once from the environment at start-up and passed down.
 * A wrong value stops start-up with a message that names the variable.
 *
 * One file per area reads and checks that area's variables; this one puts them together.
 */
import { auditConfig, type AuditConfig } from './audit.js';
import { billingSettings, type BillingSettings } from './billing.js';
import { coordinationSettings, databaseSettings, type DatabaseSettings } from './database.js';
import { bool, type Env } from './env.js';
import { fhirSettings, type FhirSettings } from './fhir.js';
import { filesConfig, type FilesConfig } from './files.js';
import { bodyLimitBytes, httpSettings, trustProxy, type HttpSettings } from './http.js';
import { mailSettings, type MailSettings } from './mail.js';
import { mediaConfig, type MediaConfig } from './media.js';
import { mfaConfig, type MfaConfig } from './mfa.js';
import { operationsConfig, type OperationsConfig } from './operations.js';
import { signInSettings, type SignInSettings } from './sign-in.js';
import { ssoConfig, workforceLocalPasswords, type SsoConfig } from './sso.js';

export { ConfigError } from './env.js';
export type { AuditConfig } from './audit.js';
export { StripeConfig } from './billing.js';
export type { BulkExportConfig } from './fhir.js';
export { FileMasterKey, type FilesConfig } from './files.js';
export type { MediaConfig } from './media.js';
export { MFA_ROLES, MfaKey, type MfaConfig, type MfaRole } from './mfa.js';
export type { OperationsConfig } from './operations.js';
export { SsoConfig } from './sso.js';

export interface Config
  extends HttpSettings, DatabaseSettings, MailSettings, SignInSettings, BillingSettings, FhirSettings {
  /** Load demo data when the database has no organizations yet. */
  seedDemo: boolean;
  /** Relays and discovery servers handed to browsers for the video call. */
  media: MediaConfig;
  /** Uploaded records (second opinions): where they live, encrypted, and how large they may be. */
  files: FilesConfig;
  /** Staying up: waiting for the database, shedding load, disk space, shutdown. */
  ops: OperationsConfig;
  /** Signed checkpoints of the audit chain (docs/decisions/0027). */
  audit: AuditConfig;
  /** Workforce single sign-on through the hospital's OpenID provider; null when not configured (docs/decisions/0032). */
  sso: SsoConfig | null;
  /** Whether clinicians, staff and admins may sign in with a Portico password (off: only through SSO). */
  workforceLocalPasswords: boolean;
  /** Second factor, trusted devices and step-up (docs/decisions/0031). */
  mfa: MfaConfig;
}

/**
 * Parse and validate configuration. Throws ConfigError naming the first bad variable.
 *
 * The statements run in a fixed order so that, when several variables are wrong, the same one is
 * named first every release; add a new variable after the last one of its area.
 */
export function loadConfig(env: Env = process.env): Config {
  const http = httpSettings(env);
  const seedDemo = bool(env, 'PORTICO_SEED_DEMO', true);
  const billing = billingSettings(env, seedDemo);
  const database = databaseSettings(env);
  const mail = mailSettings(env);
  const signIn = signInSettings(env);
  const proxy = trustProxy(env);
  const fhir = fhirSettings(env);
  const bodyLimit = bodyLimitBytes(env);
  const coordination = coordinationSettings(env);
  const media = mediaConfig(env);
  const files = filesConfig(env, database.dataDir);
  const ops = operationsConfig(env);
  const audit = auditConfig(env);
  const sso = ssoConfig(env, http.publicUrl);
  const localPasswords = workforceLocalPasswords(env);
  const mfa = mfaConfig(env, seedDemo);
  return {
    ...http,
    trustProxy: proxy,
    bodyLimitBytes: bodyLimit,
    ...database,
    ...coordination,
    ...mail,
    ...signIn,
    seedDemo,
    ...billing,
    ...fhir,
    media,
    files,
    ops,
    audit,
    sso,
    workforceLocalPasswords: localPasswords,
    mfa,
  };
}
