import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useDayAppointments } from '../lib/queries';
import { addDays, dateIn, formatDay, zoneName } from '../lib/time';
import { AppointmentCard, type Action } from './AppointmentCard';
import { formatList } from '../../../app/ui/format';
import { formattingLocale } from '../../../app/i18n';

interface DayListProps {
  date: string;
  clinicianId: string;
  /** Admins see every organization: the server's day is then UTC, so ask for the days around it. */
  wide: boolean;
  showCancelled: boolean;
  canChange: boolean;
  onMoved: (a: Appointment) => void;
  onCancelled: (a: Appointment) => void;
}

/** The visits of one clinic day, in start order, each with its own actions. */
export function DayList(props: DayListProps) {
  const { date, clinicianId, wide, showCancelled, canChange, onMoved, onCancelled } = props;
  const { t, i18n } = useTranslation();
  const query = useDayAppointments(wide ? addDays(date, -1) : date, wide ? 3 : 1, clinicianId);
  const [open, setOpen] = useState<{ id: string; action: Action } | null>(null);
  const onDay = (query.data ?? []).filter((a) => dateIn(a.start, a.timeZone) === date);
  const shown = onDay.filter((a) => showCancelled || a.status !== 'cancelled');
  const hidden = onDay.length - shown.length;
  const zones = [...new Set(shown.map((a) => a.timeZone))];

  return (
    <section className="section" aria-labelledby="day-title" aria-busy={query.isFetching}>
      <h2 id="day-title">{t('scheduleAdmin.day.visitsOn', { day: formatDay(date, i18n.language) })}</h2>
      {zones.length > 0 ? (
        <p className="hint">
          {t('scheduleAdmin.day.zone', {
            zone: formatList(
              zones.map((z) => zoneName(z, i18n.language)),
              formattingLocale(i18n.language),
            ),
          })}
        </p>
      ) : null}
      {query.isLoading ? <Loading /> : null}
      {query.isError ? <ErrorMessage>{messageForError(t, query.error)}</ErrorMessage> : null}
      <div role="status" className="results__count">
        {query.data
          ? `${t('scheduleAdmin.day.count', { count: shown.length })}${
              hidden > 0 ? ` ${t('scheduleAdmin.day.hiddenCancelled', { count: hidden })}` : ''
            }`
          : null}
      </div>
      {shown.length > 0 ? (
        <ol className="sa-appts">
          {shown.map((a) => (
            <AppointmentCard
              key={a.id}
              appointment={a}
              canChange={canChange}
              open={open?.id === a.id ? open.action : null}
              onOpen={(action) => setOpen(action ? { id: a.id, action } : null)}
              onMoved={(moved) => {
                setOpen(null);
                onMoved(moved);
              }}
              onCancelled={(cancelled) => {
                setOpen(null);
                onCancelled(cancelled);
              }}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
