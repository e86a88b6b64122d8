import { useTranslation } from 'react-i18next';

/** The promise shown wherever a visit happens: nothing is recorded. */
export function NotRecorded({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className={compact ? 'vi-not-recorded vi-not-recorded--compact' : 'vi-not-recorded'}>
      <svg className="icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Zm0 2.2 6 2.2V11c0 3.9-2.5 7.4-6 8.8-3.5-1.4-6-4.9-6-8.8V6.4l6-2.2Z"
        />
      </svg>
      {compact ? t('visit.notRecorded.short') : t('visit.notRecorded.long')}
    </p>
  );
}
