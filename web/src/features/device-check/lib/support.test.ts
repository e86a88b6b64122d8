import { describe, expect, it } from 'vitest';
import { assessSupport, type Capabilities } from './support';
import { parseUserAgent, type UserAgentInfo } from './userAgent';

const ALL: Capabilities = { secureContext: true, getUserMedia: true, peerConnection: true };
const NONE: Capabilities = { secureContext: true, getUserMedia: false, peerConnection: false };

const info = (over: Partial<UserAgentInfo>): UserAgentInfo => ({
  browser: 'chrome',
  browserVersion: 124,
  os: 'windows',
  osVersion: 10,
  mobile: false,
  ...over,
});

describe('assessSupport', () => {
  it.each([
    ['chrome', 'windows'],
    ['edge', 'windows'],
    ['firefox', 'linux'],
    ['safari', 'macos'],
    ['safari', 'ios'],
    ['samsung', 'android'],
  ] as const)('passes current %s on %s', (browser, os) => {
    const version = browser === 'safari' ? 17 : browser === 'samsung' ? 24 : 124;
    expect(assessSupport(info({ browser, os, browserVersion: version }), ALL)).toEqual({
      status: 'ready',
      suggestions: [],
      missing: [],
    });
  });

  it('passes a browser it does not know by name when it has what a visit needs', () => {
    expect(assessSupport(info({ browser: 'other', browserVersion: null, os: 'other' }), ALL).status).toBe('ready');
  });

  it('suggests an update for an old but working version', () => {
    expect(assessSupport(info({ browserVersion: 80 }), ALL).status).toBe('update');
  });

  it('names other browsers for Internet Explorer, never the one in use', () => {
    const result = assessSupport(parseUserAgent('Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko'), NONE);
    expect(result).toEqual({
      status: 'unsupported',
      suggestions: ['edge', 'chrome', 'firefox'],
      missing: ['getUserMedia', 'peerConnection'],
    });
    const firefox = assessSupport(info({ browser: 'firefox', os: 'macos' }), NONE);
    expect(firefox.suggestions).toEqual(['safari', 'chrome', 'edge']);
  });

  it('says to open the page in the real browser from inside Facebook or Instagram', () => {
    expect(assessSupport(info({ browser: 'inApp', os: 'ios', mobile: true }), NONE)).toMatchObject({
      status: 'inApp',
      suggestions: ['safari'],
    });
    expect(assessSupport(info({ browser: 'inApp', os: 'android', mobile: true }), NONE).suggestions).toEqual([
      'chrome',
    ]);
  });

  it('sends Chrome on an older iPhone to Safari, and a too-old iPhone to another device', () => {
    const chromeIos13 = info({ browser: 'chrome', os: 'ios', osVersion: 13.7, mobile: true });
    expect(assessSupport(chromeIos13, NONE)).toMatchObject({ status: 'unsupported', suggestions: ['safari'] });
    const safariIos10 = info({ browser: 'safari', browserVersion: 10, os: 'ios', osVersion: 10.3, mobile: true });
    expect(assessSupport(safariIos10, NONE)).toMatchObject({ status: 'oldIos', suggestions: [] });
  });

  it('puts an insecure page first, whatever the browser', () => {
    expect(assessSupport(info({}), { ...ALL, secureContext: false })).toMatchObject({
      status: 'insecure',
      missing: ['secureContext'],
    });
  });
});
