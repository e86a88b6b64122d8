import { useTranslation } from 'react-i18next';
import type { UserAgentInfo } from '../lib/userAgent';

/** The browser's name for use inside a sentence ("Quit Chrome…"), or "your browser". */
export function useBrowserName(ua: UserAgentInfo): string {
  const { t } = useTranslation();
  switch (ua.browser) {
    case 'chrome':
    case 'edge':
    case 'firefox':
    case 'safari':
    case 'samsung':
    case 'opera':
      return t(`deviceCheck.browser.names.${ua.browser}`);
    default:
      return t('deviceCheck.browser.genericName');
  }
}
