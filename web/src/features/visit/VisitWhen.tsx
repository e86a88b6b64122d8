import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';

/** Time formatting in the reader's zone; the clinic's zone is added when it differs. */
export function formatTime(iso: string, locale: string, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return iso;
  }
}

export function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** "Thursday, November 26 at 2:30 PM · Harbor General Hospital" under the page title. */
export function VisitWhen({ view }: { view: VisitView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <p className="lede vi-when">
      {t('visit.when', { day: formatDay(view.start, locale), time: formatTime(view.start, locale) })}
      {here !== view.timeZone ? (
        <span className="block hint">
          {t('visit.clinicTime', { time: formatTime(view.start, locale, view.timeZone) })}
        </span>
      ) : null}
      <span className="block hint">{view.organizationName}</span>
    </p>
  );
}
