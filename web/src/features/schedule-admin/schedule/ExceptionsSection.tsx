import { useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClinicianSchedule } from '@portico/contracts';
import { useApi } from '../../../app/session/context';
import { ErrorMessage } from '../../../app/ui/Notice';
import { schedulingMessage } from '../lib/problems';
import { formatDay } from '../lib/time';
import { ConfirmButton } from '../shared/ConfirmButton';
import { ScrollTable } from '../shared/ScrollTable';
import { ExceptionForm } from './ExceptionForm';
import { useScheduleSaved } from './useScheduleSaved';
import { LiveNotice } from '../shared/LiveNotice';

type Exception = ClinicianSchedule['exceptions'][number];

/** Upcoming time off and extra hours, with a confirm step before removing one. */
export function ExceptionsSection({ schedule }: { schedule: ClinicianSchedule }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const saved = useScheduleSaved(schedule.clinicianId);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const describe = (e: Exception) =>
    `${formatDay(e.date, i18n.language)}, ${
      e.start && e.end ? `${e.start}–${e.end}` : t('scheduleAdmin.exceptions.wholeDayPhrase')
    }`;

  const remove = useMutation({
    mutationFn: (e: Exception) =>
      api.delete<ClinicianSchedule>(
        `/api/clinicians/${encodeURIComponent(schedule.clinicianId)}/schedule/exceptions/${encodeURIComponent(e.id)}`,
      ),
    onSuccess: (next, e) => {
      saved(next);
      setStatus(t('scheduleAdmin.exceptions.removed', { what: describe(e) }));
      heading.current?.focus();
    },
  });

  return (
    <section className="section" aria-labelledby="exceptions-title">
      <h2 id="exceptions-title" ref={heading} tabIndex={-1}>
        {t('scheduleAdmin.exceptions.title')}
      </h2>
      <p className="hint">{t('scheduleAdmin.exceptions.intro')}</p>
      <LiveNotice message={status} />
      {remove.isError ? <ErrorMessage>{schedulingMessage(t, remove.error)}</ErrorMessage> : null}
      {schedule.exceptions.length === 0 ? (
        <p>{t('scheduleAdmin.exceptions.none')}</p>
      ) : (
        <ScrollTable caption={t('scheduleAdmin.exceptions.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('scheduleAdmin.exceptions.date')}</th>
              <th scope="col">{t('scheduleAdmin.exceptions.kind')}</th>
              <th scope="col">{t('scheduleAdmin.exceptions.times')}</th>
              <th scope="col">{t('scheduleAdmin.exceptions.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('scheduleAdmin.common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedule.exceptions.map((e) => (
              <tr key={e.id}>
                <th scope="row" className="nowrap">
                  {formatDay(e.date, i18n.language, 'short')}
                </th>
                <td>{t(`scheduleAdmin.exceptions.kinds.${e.kind}`)}</td>
                <td className="nowrap">
                  {e.start && e.end ? `${e.start}–${e.end}` : t('scheduleAdmin.exceptions.wholeDay')}
                </td>
                <td>{e.note}</td>
                <td>
                  <ConfirmButton
                    label={t('scheduleAdmin.exceptions.remove')}
                    what={describe(e)}
                    question={t('scheduleAdmin.exceptions.confirm', { what: describe(e) })}
                    yes={t('scheduleAdmin.exceptions.confirmYes')}
                    no={t('scheduleAdmin.exceptions.confirmNo')}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate(e)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <ExceptionForm
        clinicianId={schedule.clinicianId}
        onSaved={(next, message) => {
          saved(next);
          setStatus(message);
        }}
      />
    </section>
  );
}
