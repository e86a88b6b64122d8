import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { Checkbox } from '../../../app/forms/Field';
import { useOrganization } from '../../../app/queries';
import { useRequiredSession } from '../../../app/session/context';
import { hasRole, REGISTRAR_ROLES } from '../../../app/session/roles';
import { Notice } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { dateIn, formatDayTime, isIsoDate, todayIn } from '../lib/time';
import { BookForm } from '../book/BookForm';
import { ClinicianSelect } from '../shared/ClinicianSelect';
import { DayControls } from './DayControls';
import { DayList } from './DayList';

/** The care team's day view: who is booked when, and (staff) booking, moving and cancelling. */
export function SchedulePage() {
  const { t, i18n } = useTranslation();
  const session = useRequiredSession();
  const role = session.user.role;
  const canManage = hasRole(role, REGISTRAR_ROLES);
  const org = useOrganization(session.user.organizationId);
  const today = todayIn(org?.timeZone);
  const [params, setParams] = useSearchParams();
  const rawDate = params.get('date') ?? '';
  const date = isIsoDate(rawDate) ? rawDate : today;
  // A clinician sees their own visits: the session names the directory record linked to them.
  const ownClinicianId = session.user.clinicianId;
  const clinicianId = role === 'clinician' ? (ownClinicianId ?? '') : (params.get('clinician') ?? '');
  const showCancelled = params.get('cancelled') === '1';
  const [booking, setBooking] = useState(false);
  const [result, setResult] = useState('');
  const resultRef = useRef<HTMLDivElement>(null);
  const bookToggle = useRef<HTMLButtonElement>(null);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const announce = (message: string) => {
    setResult(message);
    window.requestAnimationFrame(() => resultRef.current?.focus());
  };
  const when = (a: Appointment) => formatDayTime(a.start, i18n.language, a.timeZone);
  const showDay = (a: Appointment) =>
    update({
      date: dateIn(a.start, a.timeZone),
      ...(clinicianId !== '' && clinicianId !== a.clinicianId ? { clinician: '' } : {}),
    });

  return (
    <>
      <PageTitle>{t('scheduleAdmin.day.title')}</PageTitle>
      <div ref={resultRef} tabIndex={-1} className="sa-result">
        {result ? <Notice tone="success">{result}</Notice> : null}
      </div>
      <section className="filters sa-filters" aria-label={t('scheduleAdmin.day.filters')}>
        <DayControls date={date} today={today} onDate={(d) => update({ date: d })} />
        {role === 'clinician' ? (
          <p className="sa-own" role="status">
            {ownClinicianId
              ? t('scheduleAdmin.day.own', { name: session.user.displayName })
              : t('scheduleAdmin.day.ownUnknown')}
          </p>
        ) : (
          <ClinicianSelect
            formId="schedule-filter"
            value={clinicianId}
            onChange={(id) => update({ clinician: id })}
            allowAll
          />
        )}
        <Checkbox
          formId="schedule-filter"
          name="cancelled"
          label={t('scheduleAdmin.day.showCancelled')}
          checked={showCancelled}
          onChange={(on) => update({ cancelled: on ? '1' : '' })}
        />
      </section>
      {canManage ? (
        <section className="section" aria-labelledby="book-title">
          <h2 id="book-title" className="visually-hidden">
            {t('scheduleAdmin.book.title')}
          </h2>
          <button
            ref={bookToggle}
            type="button"
            className="button"
            aria-expanded={booking}
            aria-controls="book-panel"
            onClick={() => setBooking((open) => !open)}
          >
            {t('scheduleAdmin.book.title')}
          </button>
          <div id="book-panel" className="panel" hidden={!booking}>
            {booking ? (
              <BookForm
                initialClinicianId={clinicianId}
                initialDate={date}
                onBooked={(a) => {
                  setBooking(false);
                  showDay(a);
                  announce(
                    t('scheduleAdmin.book.done', { name: a.patientName, clinician: a.clinicianName, when: when(a) }),
                  );
                }}
              />
            ) : null}
          </div>
        </section>
      ) : null}
      <DayList
        date={date}
        clinicianId={clinicianId}
        wide={role === 'admin'}
        showCancelled={showCancelled}
        canChange={canManage}
        onMoved={(a) => {
          showDay(a);
          announce(t('scheduleAdmin.move.done', { name: a.patientName, when: when(a) }));
        }}
        onCancelled={(a) => announce(t('scheduleAdmin.cancel.done', { name: a.patientName, when: when(a) }))}
      />
    </>
  );
}
