import { describe, expect, it } from 'vitest';
import { classifyMediaError, helpPlatform, mediaHelp, type MediaProblem } from './mediaProblems';
import { parseUserAgent, type UserAgentInfo } from './userAgent';

const named = (name: string, message = '') => Object.assign(new Error(message), { name });

const UA = {
  chromeMac: parseUserAgent(
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  ),
  edgeWindows: parseUserAgent(
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  ),
  firefoxWindows: parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0'),
  firefoxAndroid: parseUserAgent('Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0'),
  safariMac: parseUserAgent(
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  ),
  safariIos: parseUserAgent(
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  ),
  chromeIos: parseUserAgent(
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  ),
  chromeAndroid: parseUserAgent(
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  ),
  samsung: parseUserAgent(
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  ),
} satisfies Record<string, UserAgentInfo>;

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'Permission denied', 'blocked'],
    ['PermissionDeniedError', '', 'blocked'],
    ['SecurityError', '', 'blocked'],
    ['NotAllowedError', 'Permission denied by system', 'systemBlocked'],
    ['NotFoundError', 'Requested device not found', 'notFound'],
    ['DevicesNotFoundError', '', 'notFound'],
    ['NotReadableError', 'Could not start video source', 'busy'],
    ['TrackStartError', '', 'busy'],
    ['AbortError', '', 'busy'],
    ['OverconstrainedError', '', 'constraints'],
    ['ConstraintNotSatisfiedError', '', 'constraints'],
    ['TypeError', '', 'unknown'],
  ] as const)('%s (%s) → %s', (name, message, problem) => {
    expect(classifyMediaError(named(name, message), true)).toBe(problem);
  });

  it('reads DOMException-like objects and junk without throwing', () => {
    expect(classifyMediaError({ name: 'NotFoundError' }, true)).toBe('notFound');
    expect(classifyMediaError('boom', true)).toBe('unknown');
    expect(classifyMediaError(null, true)).toBe('unknown');
  });

  it('blames an insecure page first', () => {
    expect(classifyMediaError(named('NotAllowedError'), false)).toBe('insecure');
  });
});

describe('helpPlatform', () => {
  it.each([
    ['chromeMac', 'chromeDesktop'],
    ['edgeWindows', 'chromeDesktop'],
    ['firefoxWindows', 'firefox'],
    ['safariMac', 'safariMac'],
    ['safariIos', 'safariIos'],
    ['chromeIos', 'otherIos'],
    ['chromeAndroid', 'chromeAndroid'],
    ['samsung', 'samsung'],
  ] as const)('%s → %s', (key, platform) => {
    expect(helpPlatform(UA[key])).toBe(platform);
  });
});

describe('mediaHelp', () => {
  it('walks Chrome and Edge users through the site icon, then the system setting, then a reload', () => {
    expect(mediaHelp('blocked', UA.chromeMac).steps).toEqual([
      'chromeSiteIcon',
      'chromeAllow',
      'macSystem',
      'reloadThenRetry',
    ]);
    expect(mediaHelp('blocked', UA.edgeWindows).steps).toContain('windowsSystem');
  });

  it('gives each browser its own steps for a block', () => {
    expect(mediaHelp('blocked', UA.firefoxWindows).steps).toEqual([
      'firefoxIcon',
      'firefoxRemoveBlock',
      'firefoxSettings',
      'windowsSystem',
      'retry',
    ]);
    // Firefox on Android has other settings screens: no desktop Settings step there.
    expect(mediaHelp('blocked', UA.firefoxAndroid).steps).not.toContain('firefoxSettings');
    expect(mediaHelp('blocked', UA.safariMac).steps.slice(0, 2)).toEqual(['safariMacMenu', 'safariMacAllow']);
    expect(mediaHelp('blocked', UA.safariIos).steps).toEqual([
      'safariIosPageMenu',
      'safariIosAllow',
      'safariIosSettings',
      'retry',
    ]);
    expect(mediaHelp('blocked', UA.chromeIos).steps).toEqual([
      'iosOpenSettings',
      'iosFindBrowser',
      'iosTurnOn',
      'retry',
    ]);
    expect(mediaHelp('blocked', UA.chromeAndroid).steps).toContain('androidAppPermissions');
    expect(mediaHelp('blocked', UA.samsung).steps.slice(0, 2)).toEqual(['samsungMenu', 'samsungSitePermissions']);
  });

  it('sends an operating-system block on a computer straight to the system settings', () => {
    expect(mediaHelp('systemBlocked', UA.chromeMac).steps).toEqual(['macSystem', 'reopenBrowser', 'retry']);
    expect(mediaHelp('systemBlocked', UA.edgeWindows).steps[0]).toBe('windowsSystem');
  });

  it('asks people on phones to close other apps and end calls when the device is busy', () => {
    expect(mediaHelp('busy', UA.safariIos).steps).toContain('endPhoneCall');
    expect(mediaHelp('busy', UA.edgeWindows).steps).toContain('replug');
  });

  it('never leaves a dead end: every problem ends in something to do', () => {
    const problems: MediaProblem[] = [
      'blocked',
      'systemBlocked',
      'notFound',
      'busy',
      'constraints',
      'insecure',
      'unsupported',
      'unknown',
    ];
    const endings = new Set(['retry', 'reloadThenRetry', 'audioOrPhone', 'restartDevice', 'useSecureLink']);
    for (const ua of Object.values(UA)) {
      for (const problem of problems) {
        const { steps } = mediaHelp(problem, ua);
        expect(steps.length).toBeGreaterThan(0);
        expect(endings.has(steps[steps.length - 1] ?? '')).toBe(true);
      }
    }
  });
});
