import { createHash } from 'node:crypto';
import type { ThrottleRepository } from './throttle-repository.js';

export interface ThrottlePolicy {
  /** Wrong passwords for one email before each further try must wait. */
  freeTries: number;
  /** Wrong passwords from one client address (any email) before it must wait. */
  freeTriesPerAddress: number;
  /** The first wait; each further failure doubles it. */
  firstDelaySeconds: number;
  /** The longest wait, however many failures. */
  maxDelaySeconds: number;
}

// A counter nobody has failed for this long starts again.
const FORGET_AFTER_HOURS = 24;

/**
 * The wait after `failures` wrong passwords: none before the free tries are used, then the first
 * delay, doubling with each failure up to the cap (2 s, 4 s, 8 s ... by default). Growing delays
 * make guessing useless while never locking the owner out.
 */
export function delaySeconds(
  failures: number,
  free: number,
  policy: Pick<ThrottlePolicy, 'firstDelaySeconds' | 'maxDelaySeconds'>,
): number {
  if (failures < free) return 0;
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** Math.min(30, failures - free));
}

/** The throttle key for a typed email: the same whether or not an account uses it. */
export function emailKey(email: string): string {
  return `email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

export function addressKey(ip: string): string {
  return `address:${ip}`;
}

/**
 * Sign-in throttling by email and by client address. The email key is derived from what was typed,
 * so an unknown email is slowed down exactly like a real one and the answers cannot be told apart.
 */
export class SignInThrottle {
  constructor(
    private readonly repo: ThrottleRepository,
    private readonly policy: ThrottlePolicy,
  ) {}

  /** Seconds to wait before a password may be tried for this email from this address; 0 when it may. */
  async wait(email: string, ip: string): Promise<number> {
    const rows = await this.repo.find([emailKey(email), addressKey(ip)]);
    const now = Date.now();
    let wait = 0;
    for (const row of rows) {
      if (!row.blocked_until || row.blocked_until.getTime() <= now) continue;
      const free = row.key.startsWith('email:') ? this.policy.freeTries : this.policy.freeTriesPerAddress;
      // The step's whole delay, not the time left: the same for every caller at the same step.
      wait = Math.max(wait, delaySeconds(row.failures, free, this.policy));
    }
    return wait;
  }

  /** Counts a wrong password; says whether this email just started being slowed down. */
  async fail(email: string, ip: string): Promise<{ throttledNow: boolean }> {
    const [byEmail, byAddress] = await Promise.all([
      this.repo.fail(emailKey(email), FORGET_AFTER_HOURS),
      this.repo.fail(addressKey(ip), FORGET_AFTER_HOURS),
    ]);
    const emailDelay = delaySeconds(byEmail, this.policy.freeTries, this.policy);
    const addressDelay = delaySeconds(byAddress, this.policy.freeTriesPerAddress, this.policy);
    if (emailDelay > 0) await this.repo.block(emailKey(email), emailDelay);
    if (addressDelay > 0) await this.repo.block(addressKey(ip), addressDelay);
    return { throttledNow: emailDelay > 0 };
  }

  /** True once per hour per email: time to tell the owner someone is guessing. */
  claimOwnerNotice(email: string): Promise<boolean> {
    return this.repo.claimOwnerNotice(emailKey(email), 60);
  }

  /** A successful sign-in (password, link or passkey) forgets the email's failures. */
  succeeded(email: string): Promise<void> {
    return this.repo.clear(emailKey(email));
  }

  purge(): Promise<number> {
    return this.repo.purgeOlderThan(FORGET_AFTER_HOURS);
  }
}
