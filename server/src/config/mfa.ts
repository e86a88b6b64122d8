import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, base64Key, inMemory, int, str, type Env } from './env.js';

export const MFA_ROLES = ['patient', 'proxy', 'clinician', 'staff', 'admin'] as const;
export type MfaRole = (typeof MFA_ROLES)[number];

export interface MfaConfig {
  /** Roles that must use a second factor, unless an organization sets its own list. */
  requiredRoles: MfaRole[];
  /** 32 bytes that seal TOTP secrets and sign trusted-device cookies; null = kept in keyFile. */
  key: MfaKey | null;
  /** Where the key is made once and kept when PORTICO_MFA_KEY is unset. */
  keyFile: string;
  /** Changing password, email or factors, sharing a record, downloading it, approving an app: within this long of a sign-in. */
  stepUpMinutes: number;
  /** "Trust this device" lasts this long. */
  trustedDeviceDays: number;
}

/** The MFA key, held privately so it never reaches JSON, util.inspect or a log line. */
export class MfaKey {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    this.#key = key;
  }
  get bytes(): Buffer {
    return this.#key;
  }
}

/**
 * Second factor, trusted devices and step-up (docs/decisions/0031). Required for the workforce by
 * default; the demo (PORTICO_SEED_DEMO, on unless turned off as the deployment guide does) asks
 * nobody, so its sign-ins work at once. `none` turns it off.
 */
export function mfaConfig(env: Env, seedDemo: boolean): MfaConfig {
  const raw = str(env, 'PORTICO_MFA_REQUIRED_ROLES', seedDemo ? 'none' : 'clinician,staff,admin').trim();
  const list =
    raw === 'none'
      ? []
      : raw
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== '');
  const requiredRoles = list.map((role) => {
    const known = MFA_ROLES.find((r) => r === role);
    if (known === undefined) {
      throw new ConfigError(
        'PORTICO_MFA_REQUIRED_ROLES',
        `"${role}" is not a role; use a comma-separated list of ${MFA_ROLES.join(', ')}, or none`,
      );
    }
    return known;
  });
  const rawKey = str(env, 'PORTICO_MFA_KEY', '').trim();
  const key = rawKey === '' ? null : new MfaKey(base64Key('PORTICO_MFA_KEY', rawKey));
  return {
    requiredRoles,
    key,
    keyFile: resolve(
      str(
        env,
        'PORTICO_MFA_KEY_FILE',
        inMemory(env)
          ? join(tmpdir(), `portico-mfa-${process.pid}`, 'mfa-key')
          : join(homedir(), '.config', 'portico', 'mfa-key'),
      ),
    ),
    stepUpMinutes: int(env, 'PORTICO_STEP_UP_MINUTES', 5, 1, 24 * 60),
    trustedDeviceDays: int(env, 'PORTICO_TRUSTED_DEVICE_DAYS', 30, 0, 365),
  };
}
