import { useTranslation } from 'react-i18next';
import type { SupportResult } from '../lib/support';
import type { UserAgentInfo } from '../lib/userAgent';
import { SectionHeading, type HeadingLevel } from './SectionHeading';

const NAMED_VERSIONS = new Set(['chrome', 'edge', 'firefox', 'safari', 'samsung', 'opera']);

interface BrowserCheckProps {
  ua: UserAgentInfo;
  support: SupportResult;
  level: HeadingLevel;
}

/** Which browser and system this is, whether it can do a visit, and what to use if not. */
export function BrowserCheck({ ua, support, level }: BrowserCheckProps) {
  const { t, i18n } = useTranslation();
  const browser = t(`deviceCheck.browser.names.${ua.browser}`);
  const os = t(`deviceCheck.browser.os.${ua.os}`);
  const detected =
    ua.browserVersion !== null && NAMED_VERSIONS.has(ua.browser)
      ? t('deviceCheck.browser.detectedVersion', { browser, version: ua.browserVersion, os })
      : t('deviceCheck.browser.detected', { browser, os });
  const names = support.suggestions.map((b) => t(`deviceCheck.browser.names.${b}`));
  const suggestions = new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(names);
  const ok = support.status === 'ready' || support.status === 'update';

  const verdict = (() => {
    switch (support.status) {
      case 'ready':
        return t('deviceCheck.browser.ready');
      case 'update':
        return t('deviceCheck.browser.update');
      case 'inApp':
        return t('deviceCheck.browser.inApp', { suggestion: names[0] ?? t('deviceCheck.browser.names.chrome') });
      case 'insecure':
        return t('deviceCheck.browser.insecure');
      case 'oldIos':
        return t('deviceCheck.browser.oldIos');
      case 'unsupported':
        return names.length > 0
          ? t('deviceCheck.browser.unsupported', { suggestions })
          : t('deviceCheck.browser.unsupportedGeneric');
    }
  })();

  return (
    <section className="dc-section" aria-labelledby="dc-browser-title">
      <SectionHeading level={level} id="dc-browser-title">
        {t('deviceCheck.headings.browser')}
      </SectionHeading>
      <p>{detected}</p>
      <p className={ok ? 'dc-result dc-result--ok' : 'dc-result dc-result--bad'} data-testid="dc-browser-verdict">
        {verdict}
      </p>
      {!ok && support.missing.length > 0 ? (
        <>
          <p className="dc-problem__intro">{t('deviceCheck.browser.missingTitle')}</p>
          <ul className="dc-missing">
            {support.missing.map((feature) => (
              <li key={feature}>{t(`deviceCheck.browser.missing.${feature}`)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
