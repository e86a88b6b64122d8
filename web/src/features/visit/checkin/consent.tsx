import type { TELEHEALTH_CONSENT_VERSION } from '@portico/contracts';
import { useTranslation } from 'react-i18next';

/**
 * The consent version this build's wording belongs to. It must equal the server's constant:
 * when the contract's version changes, this line stops compiling until the text is updated.
 */
export const CONSENT_VERSION: typeof TELEHEALTH_CONSENT_VERSION = '2026-11-01';

const PARAGRAPHS = ['what', 'privacy', 'limits', 'location', 'phone', 'cost', 'choice', 'others'] as const;

/** Portico's telehealth consent, read before accepting it at check-in. */
export function ConsentText({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <section className="vi-consent" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="vi-consent__title">
        {t(`visit.consent.${CONSENT_VERSION}.title`)}
      </h3>
      {PARAGRAPHS.map((key) => (
        <p key={key}>{t(`visit.consent.${CONSENT_VERSION}.${key}`)}</p>
      ))}
      <p className="hint">{t('visit.consent.version', { version: CONSENT_VERSION })}</p>
    </section>
  );
}
