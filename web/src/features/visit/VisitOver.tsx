import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import type { SocketEnd } from './rtc/signaling';

interface VisitOverProps {
  view: VisitView | null;
  reason: SocketEnd | null;
  /** Where "back" goes: the appointment for patients, the day list for the care team. */
  backTo: string | null;
  backLabel?: string;
  onRejoin?: () => void;
}

/** The visit ended, was cancelled, or this window stopped (opened elsewhere, removed, unreachable). */
export function VisitOver({ view, reason, backTo, backLabel, onRejoin }: VisitOverProps) {
  const { t } = useTranslation();
  let title: string;
  let body: string;
  const cancelled = view?.status === 'cancelled' || reason === 'cancelled';
  // The patient is spoken to as "you"; the care team and guests get the plain facts.
  const patient = view?.you.role === 'patient';
  if (view?.outcome === 'no_show') {
    title = t('visit.over.noShowTitle');
    body = patient ? t('visit.over.noShow', { phone: view.organizationPhone }) : t('visit.over.noShowOthers');
  } else if (cancelled) {
    title = t('visit.over.cancelledTitle');
    body = patient ? t('visit.over.cancelled') : t('visit.over.cancelledOthers');
  } else if (view?.status === 'finished' || reason === 'visit_ended') {
    title = patient ? t('visit.over.endedTitle') : t('visit.over.endedTitleOthers');
    if (!patient) body = t('visit.over.endedOthers');
    else body = view.outcome === 'completed_phone' ? t('visit.over.endedPhone') : t('visit.over.ended');
  } else if (reason === 'replaced') {
    title = t('visit.over.replacedTitle');
    body = t('visit.over.replaced');
  } else if (reason === 'removed') {
    title = t('visit.over.removedTitle');
    body = t('visit.over.removed');
  } else {
    title = t('visit.over.unreachableTitle');
    body = t('visit.over.unreachable');
  }
  const canRejoin = onRejoin && (reason === 'replaced' || reason === 'unavailable') && !cancelled;
  return (
    <section className="vi-over" aria-labelledby="vi-over-title">
      <div className={cancelled ? 'notice notice--error' : 'notice'} role="alert">
        <h2 id="vi-over-title" className="notice__title">
          {title}
        </h2>
        <div className="notice__body">
          <p>{body}</p>
        </div>
      </div>
      <div className="button-row">
        {canRejoin ? (
          <button type="button" className="button" onClick={onRejoin}>
            {t('visit.over.rejoin')}
          </button>
        ) : null}
        {backTo ? (
          <Link className="button button--secondary" to={backTo}>
            {backLabel ?? t('visit.over.back')}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
