import type { BrowserId, OsId, UserAgentInfo } from './userAgent';

/** What the browser offers that a video visit needs (read from the real browser by the caller). */
export interface Capabilities {
  secureContext: boolean;
  getUserMedia: boolean;
  peerConnection: boolean;
}

/** Browsers we can point someone to, by name. */
export type SuggestedBrowser = 'chrome' | 'edge' | 'firefox' | 'safari' | 'samsung';

export type SupportStatus =
  /** Everything a visit needs is there. */
  | 'ready'
  /** It works, but this version is old enough that updating is worth it. */
  | 'update'
  /** Opened inside another app (Facebook, Instagram, …) whose built-in browser cannot do video. */
  | 'inApp'
  /** The page was not opened over https, so no browser will share the camera. */
  | 'insecure'
  /** An iPhone or iPad whose system is too old for video in the browser. */
  | 'oldIos'
  /** This browser cannot do video visits at all. */
  | 'unsupported';

export interface SupportResult {
  status: SupportStatus;
  /** Which browsers to use instead (never the one in use), best first; empty when ready. */
  suggestions: SuggestedBrowser[];
  /** Missing features, for the plain-language list. */
  missing: (keyof Capabilities)[];
}

/** Versions older than these still work, but miss fixes that make calls steadier. */
const MIN_VERSION: Partial<Record<BrowserId, number>> = {
  chrome: 100,
  edge: 100,
  firefox: 100,
  safari: 15,
  samsung: 18,
  opera: 86,
};

/** The browsers that work best on each system, in order. */
const BEST_FOR: Record<OsId, SuggestedBrowser[]> = {
  ios: ['safari'],
  android: ['chrome', 'samsung', 'firefox'],
  macos: ['safari', 'chrome', 'firefox', 'edge'],
  windows: ['edge', 'chrome', 'firefox'],
  chromeos: ['chrome'],
  linux: ['chrome', 'firefox'],
  other: ['chrome', 'firefox'],
};

/** Browsers on iOS (all WebKit) could use the camera only from iOS 14.3; Safari from iOS 11. */
const IOS_SAFARI_MIN = 11;
const IOS_OTHER_MIN = 14.3;

function suggestionsFor(ua: UserAgentInfo): SuggestedBrowser[] {
  return BEST_FOR[ua.os].filter((b) => b !== ua.browser).slice(0, 3);
}

/**
 * Whether this browser can do a video visit, and if not, what to use instead. Decided by what
 * the browser actually offers (capabilities), with the user agent only for the advice, so a
 * browser we have never heard of passes when it has what is needed.
 */
export function assessSupport(ua: UserAgentInfo, caps: Capabilities): SupportResult {
  const missing = (Object.keys(caps) as (keyof Capabilities)[]).filter((k) => !caps[k]);
  if (!caps.secureContext) return { status: 'insecure', suggestions: [], missing };
  if (missing.length > 0) {
    if (ua.browser === 'inApp') return { status: 'inApp', suggestions: BEST_FOR[ua.os].slice(0, 1), missing };
    if (ua.os === 'ios') {
      const min = ua.browser === 'safari' ? IOS_SAFARI_MIN : IOS_OTHER_MIN;
      if (ua.osVersion !== null && ua.osVersion < min) {
        const safariWouldWork = ua.browser !== 'safari' && ua.osVersion >= IOS_SAFARI_MIN;
        return {
          status: safariWouldWork ? 'unsupported' : 'oldIos',
          suggestions: safariWouldWork ? ['safari'] : [],
          missing,
        };
      }
    }
    return { status: 'unsupported', suggestions: suggestionsFor(ua), missing };
  }
  const min = MIN_VERSION[ua.browser];
  if (min !== undefined && ua.browserVersion !== null && ua.browserVersion < min) {
    return { status: 'update', suggestions: [], missing };
  }
  return { status: 'ready', suggestions: [], missing };
}
