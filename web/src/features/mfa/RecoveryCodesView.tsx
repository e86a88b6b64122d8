import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCodes } from './codes';

/** Recovery codes, shown once: a list to copy or print and a text file to keep. */
export function RecoveryCodesView({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  const title = useRef<HTMLHeadingElement>(null);
  // New codes appear at the top of the page, away from the button that asked for them: take the reader there.
  useEffect(() => title.current?.focus(), [codes]);
  return (
    <div className="help-box" role="region" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" className="help-box__title" ref={title} tabIndex={-1}>
        {t('mfa.recovery.title')}
      </h3>
      <p>{t('mfa.recovery.intro')}</p>
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => downloadCodes(codes, t('mfa.recovery.fileHeading'))}
      >
        {t('mfa.recovery.download')}
      </button>
    </div>
  );
}
