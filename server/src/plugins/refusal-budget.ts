/**
 * How many refusals of one address without a session are audited row by row each minute. A
 * scanner probing patient routes without signing in would otherwise add a hash-chained row per
 * request for as long as it kept going; past the budget its refusals are counted instead, and one
 * summary row per address and minute says how many there were (nothing is dropped unrecorded).
 * Refusals of a signed-in caller are always audited one by one: they name an account.
 */
export interface RefusalSummary {
  ip: string;
  /** Refusals past the budget in the window that started at `windowStart`. */
  count: number;
  windowStart: Date;
}

interface Window {
  start: number;
  used: number;
  over: number;
}

/** At most this many addresses are tracked; past it, new addresses share one window ('*'). */
const MAX_ADDRESSES = 10_000;
const OVERFLOW = '*';

export class RefusalBudget {
  readonly #windows = new Map<string, Window>();

  constructor(
    /** Rows per address and window; 0 audits every refusal. */
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
  ) {}

  /**
   * Whether this refusal gets its own row; when not, it is counted for the window's summary.
   * Returns the summary of the address's previous window when that one ended with refusals over.
   */
  take(ip: string, now = Date.now()): { audit: boolean; ended: RefusalSummary | null } {
    if (this.perWindow <= 0) return { audit: true, ended: null };
    const key = this.#windows.has(ip) || this.#windows.size < MAX_ADDRESSES ? ip : OVERFLOW;
    let w = this.#windows.get(key);
    let ended: RefusalSummary | null = null;
    if (w && now - w.start >= this.windowMs) {
      ended = summaryOf(key, w);
      w = undefined;
    }
    if (!w) {
      w = { start: now, used: 0, over: 0 };
      this.#windows.set(key, w);
    }
    if (w.used < this.perWindow) {
      w.used += 1;
      return { audit: true, ended };
    }
    w.over += 1;
    return { audit: false, ended };
  }

  /** Ends every window older than the window length: their summaries (for the periodic flush). */
  sweep(now = Date.now()): RefusalSummary[] {
    const out: RefusalSummary[] = [];
    for (const [ip, w] of this.#windows) {
      if (now - w.start < this.windowMs) continue;
      this.#windows.delete(ip);
      const s = summaryOf(ip, w);
      if (s) out.push(s);
    }
    return out;
  }
}

function summaryOf(ip: string, w: Window): RefusalSummary | null {
  return w.over > 0 ? { ip, count: w.over, windowStart: new Date(w.start) } : null;
}
