import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayAndTime, formatTimeWithZone, patientTimeZone, zonesDiffer } from '../find-doctor';

interface TakenAlternativesProps {
  /** The server's explanation, written for people. */
  message: string;
  nextSlots: readonly string[];
  clinicZone: string | null;
  /** "Book {{when}} instead" or "Move to {{when}} instead". */
  actionLabel: (when: string) => string;
  onChoose: (start: string) => void;
  /** Bumped on each new conflict so focus comes back here. */
  attempt: number;
}

/** A lost race for a time: say so, and offer the next open times as one-tap buttons. */
export function TakenAlternatives({
  message,
  nextSlots,
  clinicZone,
  actionLabel,
  onChoose,
  attempt,
}: TakenAlternativesProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const zone = patientTimeZone();
  useEffect(() => {
    ref.current?.focus();
  }, [attempt]);
  return (
    <div className="error-summary ap-taken" role="alert" tabIndex={-1} ref={ref} aria-labelledby="ap-taken-title">
      <h2 id="ap-taken-title" className="error-summary__title">
        {t('appointments.book.takenTitle')}
      </h2>
      <p>{message}</p>
      {nextSlots.length > 0 ? (
        <>
          <p>{t('appointments.book.alternativesIntro')}</p>
          <ul className="plain-list ap-taken__list">
            {nextSlots.map((start) => {
              const own = formatDayAndTime(start, i18n.language, zone);
              const when =
                clinicZone && zonesDiffer(start, zone, clinicZone)
                  ? t('appointments.book.withClinicTime', {
                      when: own,
                      clinic: formatTimeWithZone(start, i18n.language, clinicZone),
                    })
                  : own;
              return (
                <li key={start}>
                  <button type="button" className="button button--secondary" onClick={() => onChoose(start)}>
                    {actionLabel(when)}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>{t('appointments.book.noAlternatives')}</p>
      )}
    </div>
  );
}
