import type { UserAgentInfo } from './userAgent';

/** What went wrong getting a camera or microphone, in terms a person can act on. */
export type MediaProblem =
  /** The person (or the browser's site settings) said no. */
  | 'blocked'
  /** The operating system does not let the browser use the device. */
  | 'systemBlocked'
  /** There is no such device. */
  | 'notFound'
  /** The device exists but another app (or tab) holds it, or it failed to start. */
  | 'busy'
  /** The chosen device went away (unplugged, or a stale choice). */
  | 'constraints'
  /** The page was not opened over https. */
  | 'insecure'
  /** The browser has no camera/microphone API at all. */
  | 'unsupported'
  | 'unknown';

/** Whose settings screens the steps describe. */
export type HelpPlatform =
  'chromeDesktop' | 'firefox' | 'safariMac' | 'safariIos' | 'otherIos' | 'chromeAndroid' | 'samsung' | 'other';

/** Step ids; each is a string under deviceCheck.help.steps in the strings file. */
export type HelpStep =
  | 'chromeSiteIcon'
  | 'chromeAllow'
  | 'firefoxIcon'
  | 'firefoxRemoveBlock'
  | 'firefoxSettings'
  | 'safariMacMenu'
  | 'safariMacAllow'
  | 'safariIosPageMenu'
  | 'safariIosAllow'
  | 'safariIosSettings'
  | 'iosOpenSettings'
  | 'iosFindBrowser'
  | 'iosTurnOn'
  | 'androidSiteIcon'
  | 'androidPermissions'
  | 'androidAppPermissions'
  | 'samsungMenu'
  | 'samsungSitePermissions'
  | 'samsungAppPermissions'
  | 'genericAllow'
  | 'genericSystem'
  | 'macSystem'
  | 'windowsSystem'
  | 'reopenBrowser'
  | 'plugIn'
  | 'laptopSwitch'
  | 'mobileRestart'
  | 'closeOtherApps'
  | 'endPhoneCall'
  | 'replug'
  | 'restartDevice'
  | 'chooseAnother'
  | 'useSecureLink'
  | 'useOtherBrowser'
  | 'retry'
  | 'reloadThenRetry'
  | 'audioOrPhone';

export interface MediaHelp {
  problem: MediaProblem;
  steps: HelpStep[];
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return '';
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return '';
}

/**
 * Sorts a getUserMedia failure into a problem. Browsers name errors differently (older Chrome
 * and Firefox used their own names), and Chrome reports an operating-system block as
 * NotAllowedError with the message "Permission denied by system".
 */
export function classifyMediaError(error: unknown, secureContext: boolean): MediaProblem {
  if (!secureContext) return 'insecure';
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return /by system/i.test(errorMessage(error)) ? 'systemBlocked' : 'blocked';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'notFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'constraints';
    default:
      return 'unknown';
  }
}

/** Whose settings screens apply to this browser on this system. */
export function helpPlatform(ua: UserAgentInfo): HelpPlatform {
  if (ua.os === 'ios') return ua.browser === 'safari' ? 'safariIos' : 'otherIos';
  if (ua.browser === 'samsung') return 'samsung';
  if (ua.os === 'android') return ua.browser === 'firefox' ? 'firefox' : 'chromeAndroid';
  switch (ua.browser) {
    case 'chrome':
    case 'edge':
    case 'opera':
      return 'chromeDesktop';
    case 'firefox':
      return 'firefox';
    case 'safari':
      return ua.os === 'macos' ? 'safariMac' : 'other';
    default:
      return 'other';
  }
}

const SITE_STEPS: Record<HelpPlatform, HelpStep[]> = {
  chromeDesktop: ['chromeSiteIcon', 'chromeAllow', 'reloadThenRetry'],
  firefox: ['firefoxIcon', 'firefoxRemoveBlock', 'firefoxSettings', 'retry'],
  safariMac: ['safariMacMenu', 'safariMacAllow', 'retry'],
  safariIos: ['safariIosPageMenu', 'safariIosAllow', 'safariIosSettings', 'retry'],
  otherIos: ['iosOpenSettings', 'iosFindBrowser', 'iosTurnOn', 'retry'],
  chromeAndroid: ['androidSiteIcon', 'androidPermissions', 'androidAppPermissions', 'retry'],
  samsung: ['samsungMenu', 'samsungSitePermissions', 'samsungAppPermissions', 'retry'],
  other: ['genericAllow', 'genericSystem', 'retry'],
};

/** The system-level switch behind the browser's own, on desktops. */
function systemStep(ua: UserAgentInfo): HelpStep {
  if (ua.os === 'macos') return 'macSystem';
  if (ua.os === 'windows') return 'windowsSystem';
  return 'genericSystem';
}

function blockedSteps(platform: HelpPlatform, ua: UserAgentInfo): HelpStep[] {
  // Firefox's Settings page, as the step words it, is the desktop one; Android's differs.
  const steps = SITE_STEPS[platform].filter((step) => step !== 'firefoxSettings' || !ua.mobile);
  // On a computer, a blocked browser site setting is often really a blocked system setting.
  if (!ua.mobile && platform !== 'other') steps.splice(steps.length - 1, 0, systemStep(ua));
  return steps;
}

/**
 * Step-by-step help for a camera or microphone problem, for the browser and system in use.
 * Never leaves the person stuck: every list ends with something to do (retry, another device,
 * audio only or phone).
 */
export function mediaHelp(problem: MediaProblem, ua: UserAgentInfo): MediaHelp {
  const platform = helpPlatform(ua);
  const steps = ((): HelpStep[] => {
    switch (problem) {
      case 'blocked':
        return blockedSteps(platform, ua);
      case 'systemBlocked':
        return ua.mobile ? blockedSteps(platform, ua) : [systemStep(ua), 'reopenBrowser', 'retry'];
      case 'notFound':
        return ua.mobile
          ? ['mobileRestart', 'retry', 'audioOrPhone']
          : ['plugIn', 'laptopSwitch', 'retry', 'audioOrPhone'];
      case 'busy':
        return ua.mobile
          ? ['closeOtherApps', 'endPhoneCall', 'retry', 'restartDevice']
          : ['closeOtherApps', 'replug', 'retry', 'restartDevice'];
      case 'constraints':
        return ['chooseAnother', 'retry'];
      case 'insecure':
        return ['useSecureLink'];
      case 'unsupported':
        return ['useOtherBrowser', 'audioOrPhone'];
      case 'unknown':
        return ['retry', 'reopenBrowser', 'restartDevice'];
    }
  })();
  return { problem, steps };
}
