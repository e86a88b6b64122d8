import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { VitalSeries } from '@portico/contracts';
import { formatShortDay } from './format';
import { vitalText } from './vitals';

/** The open record's vital signs: the latest reading of each kind, each opening its trend. */
export function VitalsSection({ vitals }: { vitals: readonly VitalSeries[] }) {
  const { t, i18n } = useTranslation();
  if (vitals.length === 0) return null;
  return (
    <section className="section" aria-labelledby="res-vitals-title">
      <h2 id="res-vitals-title">{t('results.vitals.title')}</h2>
      <p className="hint">{t('results.vitals.intro')}</p>
      <ul className="res-vitals">
        {vitals.map((s) => {
          const latest = s.points[s.points.length - 1];
          if (!latest) return null;
          const name = t(`results.vitals.kinds.${s.kind}`);
          return (
            <li key={s.kind} className="res-vital">
              <Link to={`/results/vitals/${s.kind}`} className="res-vital__link">
                <span className="res-vital__name">{name}</span>
                <span className="res-vital__value">
                  {t('results.vitals.latestOn', {
                    value: vitalText(t, s.kind, latest, i18n.language),
                    date: formatShortDay(latest.effectiveAt, i18n.language),
                  })}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
