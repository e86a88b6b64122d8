import type { HoursKind } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { useOpeningHours } from './api';
import { openStatusText, weekRows, type OpenStatusText } from './hoursText';

/** Weekly hours of one organization and whether it is open now, judged in its own time zone. */
export function HoursCard({ orgId, kind, headingLevel = 2 }: { orgId: string; kind: HoursKind; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const { data, isError } = useOpeningHours(orgId, kind);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const statusLine = (st: OpenStatusText): string =>
    st.kind === 'open'
      ? t('registration.hours.openNow', { time: st.time })
      : st.kind === 'opens'
        ? t('registration.hours.closedOpens', { when: st.when })
        : t('registration.hours.closed');
  const title = kind === 'registration' ? t('registration.hours.title') : t('registration.hours.techTitle');
  return (
    <section className="section" aria-label={title}>
      <Heading>{title}</Heading>
      {isError ? <p>{t('registration.hours.loadError')}</p> : null}
      {data ? (
        <>
          <p className={data.openNow ? 'tag tag--ok' : 'tag'}>{statusLine(openStatusText(data, i18n.language))}</p>
          {data.intervals.length === 0 ? (
            <p>{t('registration.hours.none')}</p>
          ) : (
            <dl className="details">
              {weekRows(data, i18n.language).map((row, i) => (
                <div key={`${row.day}-${i}`}>
                  <dt>{row.day}</dt>
                  <dd>{row.times}</dd>
                </div>
              ))}
            </dl>
          )}
          <p className="hint">{t('registration.hours.zone', { zone: data.timeZone.replace(/_/g, ' ') })}</p>
        </>
      ) : null}
    </section>
  );
}
