import type { OpinionRequest } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import './opinions.css';
import { formatDayOf } from '../../app/ui/format';
import { formattingLocale } from '../../app/i18n';

/** The checklist, the files received (with DICOM study facts) and the timeline: shown to both sides. */
export function Checklist({ request }: { request: OpinionRequest }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="opinion-checklist">
      <h2 id="opinion-checklist">{t('opinions.checklist.title')}</h2>
      <ul>
        {request.checklist.map((item) => (
          <li key={item.key}>
            {item.kind === 'need' ? item.label : t(`opinions.checklist.${item.kind}`)} —{' '}
            <strong>{t(`opinions.checklist.state.${item.state}`)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Documents({ request, base }: { request: OpinionRequest; base: string }) {
  const { t, i18n } = useTranslation();
  if (request.documents.length === 0) return <p>{t('opinions.documents.none')}</p>;
  return (
    <section className="card" aria-labelledby="opinion-docs">
      <h2 id="opinion-docs">{t('opinions.documents.title')}</h2>
      <ul className="opinion-docs">
        {request.documents.map((d) => (
          <li key={d.id}>
            <a href={`${base}/documents/${d.id}/content`} download>
              {d.filename}
            </a>{' '}
            ({t(`opinions.category.${d.category}`)}, {Math.ceil(d.sizeBytes / 1024).toLocaleString(i18n.language)} KB,{' '}
            {t(`opinions.documents.by.${d.uploadedBy}`)})
            {d.dicom ? (
              <div className="field__hint">
                {t('opinions.documents.dicom', {
                  date: d.dicom.studyDate ?? t('opinions.documents.unknown'),
                  modality: d.dicom.modality ?? t('opinions.documents.unknown'),
                  description: d.dicom.studyDescription ?? t('opinions.documents.unknown'),
                })}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Timeline({ request }: { request: OpinionRequest }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="opinion-timeline">
      <h2 id="opinion-timeline">{t('opinions.timeline.title')}</h2>
      <ol>
        {request.events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{new Date(e.at).toLocaleString(i18n.language)}</time>:{' '}
            {e.status && e.kind === 'status'
              ? t('opinions.timeline.statusChanged', { status: t(`opinions.status.${e.status}`) })
              : t(`opinions.timeline.kind.${e.kind}`, { defaultValue: e.kind })}{' '}
            ({e.actorName ?? t(`opinions.timeline.actor.${e.actorKind}`)})
            {e.note && e.kind === 'info_requested' ? <div className="field__hint">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function OpinionText({ request }: { request: OpinionRequest }) {
  const { t, i18n } = useTranslation();
  if (!request.opinion) return null;
  return (
    <section className="card" aria-labelledby="opinion-text">
      <h2 id="opinion-text">{t('opinions.opinion.title')}</h2>
      <p className="field__hint">
        {t('opinions.opinion.by', {
          name: request.opinion.by,
          date: formatDayOf(request.opinion.deliveredAt, formattingLocale(i18n.language)),
        })}
      </p>
      <p className="opinion-text">{request.opinion.text}</p>
    </section>
  );
}
