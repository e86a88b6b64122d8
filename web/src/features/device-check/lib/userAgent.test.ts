import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './userAgent';

const UA = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  edgeLegacy:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  ie11: 'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  firefoxIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  operaWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  facebookIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6]',
  androidWebView:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36',
};

describe('parseUserAgent', () => {
  it.each([
    ['chromeWindows', 'chrome', 124, 'windows', false],
    ['edgeWindows', 'edge', 124, 'windows', false],
    ['edgeLegacy', 'edgeLegacy', 18, 'windows', false],
    ['ie11', 'ie', 11, 'windows', false],
    ['firefoxMac', 'firefox', 125, 'macos', false],
    ['safariMac', 'safari', 17, 'macos', false],
    ['safariIphone', 'safari', 17, 'ios', true],
    ['chromeIphone', 'chrome', 124, 'ios', true],
    ['firefoxIphone', 'firefox', 125, 'ios', true],
    ['chromeAndroid', 'chrome', 124, 'android', true],
    ['samsung', 'samsung', 24, 'android', true],
    ['firefoxAndroid', 'firefox', 125, 'android', true],
    ['operaWindows', 'opera', 110, 'windows', false],
    ['headless', 'chrome', 120, 'linux', false],
    ['chromebook', 'chrome', 124, 'chromeos', false],
    ['facebookIphone', 'inApp', null, 'ios', true],
    ['androidWebView', 'inApp', null, 'android', true],
  ] as const)('%s → %s %s on %s', (key, browser, version, os, mobile) => {
    const info = parseUserAgent(UA[key]);
    expect(info).toMatchObject({ browser, browserVersion: version, os, mobile });
  });

  it('reads system versions', () => {
    expect(parseUserAgent(UA.safariIphone).osVersion).toBe(17.4);
    expect(parseUserAgent(UA.firefoxIphone).osVersion).toBe(14.2);
    expect(parseUserAgent(UA.samsung).osVersion).toBe(14);
    expect(parseUserAgent(UA.safariMac).osVersion).toBe(10.15);
    expect(parseUserAgent(UA.chromeWindows).osVersion).toBe(10);
  });

  it('tells an iPad asking for the desktop site from a Mac by its touch screen', () => {
    expect(parseUserAgent(UA.safariMac, 5)).toMatchObject({ browser: 'safari', os: 'ios', mobile: true });
    expect(parseUserAgent(UA.safariMac, 0)).toMatchObject({ os: 'macos', mobile: false });
  });

  it('copes with empty and unknown strings', () => {
    expect(parseUserAgent('')).toEqual({
      browser: 'other',
      browserVersion: null,
      os: 'other',
      osVersion: null,
      mobile: false,
    });
    expect(parseUserAgent('Lynx/2.9.0 libwww-FM/2.14')).toMatchObject({ browser: 'other', os: 'other' });
  });
});
