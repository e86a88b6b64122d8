import { useTranslation } from 'react-i18next';
import { downloadCodes } from './codes';

/** Recovery codes, shown once: a list to copy or print and a text file to keep. */
export function RecoveryCodesView({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="help-box" role="region" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" className="help-box__title">
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
