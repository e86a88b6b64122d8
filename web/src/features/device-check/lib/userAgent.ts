/** Browsers the device check knows by name; "other" covers everything else. */
export type BrowserId =
  'chrome' | 'edge' | 'edgeLegacy' | 'firefox' | 'safari' | 'samsung' | 'opera' | 'ie' | 'inApp' | 'other';

export type OsId = 'windows' | 'macos' | 'ios' | 'android' | 'chromeos' | 'linux' | 'other';

export interface UserAgentInfo {
  browser: BrowserId;
  /** Major version, or null when the user agent does not say. */
  browserVersion: number | null;
  os: OsId;
  /** e.g. 17.4 for iOS 17.4, 10 for Windows 10/11 (they report the same), 14 for Android 14. */
  osVersion: number | null;
  mobile: boolean;
}

/** Apps that open links in their own built-in browser, which often cannot use the camera. */
const IN_APP = /FBAN|FBAV|FB_IAB|Instagram|Line\/|MicroMessenger|Twitter|LinkedInApp|Snapchat|GSA\/|WhatsApp|; wv\)/;

const BROWSERS: readonly [BrowserId, RegExp][] = [
  ['ie', /MSIE (\d+)|Trident\/.*rv:(\d+)/],
  ['edgeLegacy', /Edge\/(\d+)/],
  ['edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['samsung', /SamsungBrowser\/(\d+)/],
  ['opera', /OPR\/(\d+)|OPT\/(\d+)|OPiOS\/(\d+)/],
  ['firefox', /(?:Firefox|FxiOS)\/(\d+)/],
  ['chrome', /(?:CriOS|Chrome|Chromium)\/(\d+)/],
  ['safari', /Version\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\//],
];

function firstNumber(match: RegExpExecArray): number | null {
  for (const group of match.slice(1)) {
    if (group !== undefined) return Number(group);
  }
  return null;
}

function detectBrowser(ua: string): { browser: BrowserId; version: number | null } {
  if (IN_APP.test(ua)) return { browser: 'inApp', version: null };
  for (const [browser, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) return { browser, version: firstNumber(match) };
  }
  // iOS Safari in some modes omits "Version/"; any other WebKit on iOS behaves like Safari.
  if (/AppleWebKit/.test(ua) && /iPhone|iPad|iPod/.test(ua)) return { browser: 'safari', version: null };
  return { browser: 'other', version: null };
}

function versionOf(major: string | undefined, minor: string | undefined): number | null {
  if (major === undefined) return null;
  return Number(`${major}.${minor ?? '0'}`);
}

function detectOs(ua: string, maxTouchPoints: number): { os: OsId; version: number | null } {
  const ios = /(?:iPhone|iPad|iPod).*? OS (\d+)_(\d+)/.exec(ua);
  if (ios) return { os: 'ios', version: versionOf(ios[1], ios[2]) };
  if (/iPhone|iPad|iPod/.test(ua)) return { os: 'ios', version: null };
  const android = /Android (\d+)(?:\.(\d+))?/.exec(ua);
  if (android) return { os: 'android', version: versionOf(android[1], android[2]) };
  const windows = /Windows NT (\d+)\.(\d+)/.exec(ua);
  if (windows) return { os: 'windows', version: versionOf(windows[1], windows[2]) };
  if (/Windows/.test(ua)) return { os: 'windows', version: null };
  if (/CrOS/.test(ua)) return { os: 'chromeos', version: null };
  const mac = /Mac OS X (\d+)[_.](\d+)/.exec(ua);
  if (mac || /Macintosh/.test(ua)) {
    // iPadOS 13+ asks for desktop sites and says "Macintosh"; only the touch screen gives it away.
    if (maxTouchPoints > 1) return { os: 'ios', version: null };
    return { os: 'macos', version: mac ? versionOf(mac[1], mac[2]) : null };
  }
  if (/Linux|X11/.test(ua)) return { os: 'linux', version: null };
  return { os: 'other', version: null };
}

/**
 * Which browser and system a user-agent string describes, well enough to give the right help.
 * Pure, and done here rather than by any outside service: nothing about the visitor leaves the page.
 * `maxTouchPoints` (navigator.maxTouchPoints) tells an iPad from a Mac.
 */
export function parseUserAgent(ua: string, maxTouchPoints = 0): UserAgentInfo {
  const { browser, version } = detectBrowser(ua);
  const { os, version: osVersion } = detectOs(ua, maxTouchPoints);
  const mobile = os === 'ios' || os === 'android' || /Mobile|Tablet/.test(ua);
  return { browser, browserVersion: version, os, osVersion, mobile };
}
