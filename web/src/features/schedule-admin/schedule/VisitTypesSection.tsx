import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClinicianSchedule, VisitMode } from '@portico/contracts';
import { ScrollTable } from '../shared/ScrollTable';
import { useScheduleSaved } from './useScheduleSaved';
import { VisitTypeForm } from './VisitTypeForm';
import { LiveNotice } from '../shared/LiveNotice';

interface VisitTypesSectionProps {
  schedule: ClinicianSchedule;
  visitModes: readonly VisitMode[];
}

/** Visit types with their length and buffer; one form below the table adds or edits. */
export function VisitTypesSection({ schedule, visitModes }: VisitTypesSectionProps) {
  const { t } = useTranslation();
  const saved = useScheduleSaved(schedule.clinicianId);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const current = schedule.visitTypes.find((v) => v.id === editing);

  return (
    <section className="section" aria-labelledby="visit-types-title">
      <h2 id="visit-types-title" tabIndex={-1}>
        {t('scheduleAdmin.visitTypes.title')}
      </h2>
      <p className="hint">{t('scheduleAdmin.visitTypes.intro')}</p>
      <LiveNotice message={status} />
      {schedule.visitTypes.length === 0 ? (
        <p>{t('scheduleAdmin.visitTypes.none')}</p>
      ) : (
        <ScrollTable caption={t('scheduleAdmin.visitTypes.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('scheduleAdmin.visitTypes.name')}</th>
              <th scope="col">{t('scheduleAdmin.visitTypes.mode')}</th>
              <th scope="col">{t('scheduleAdmin.visitTypes.duration')}</th>
              <th scope="col">{t('scheduleAdmin.visitTypes.buffer')}</th>
              <th scope="col">{t('scheduleAdmin.visitTypes.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('scheduleAdmin.common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedule.visitTypes.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.name}
                  {v.newPatient ? (
                    <span className="block small">{t('scheduleAdmin.visitTypes.newPatient')}</span>
                  ) : null}
                </th>
                <td>{t(`scheduleAdmin.modes.${v.mode}`)}</td>
                <td className="nowrap">{t('scheduleAdmin.visitTypes.minutes', { count: v.durationMinutes })}</td>
                <td className="nowrap">{t('scheduleAdmin.visitTypes.minutes', { count: v.bufferMinutes })}</td>
                <td>
                  <span className={v.active ? 'tag tag--ok' : 'tag'}>
                    {v.active ? t('scheduleAdmin.visitTypes.offered') : t('scheduleAdmin.visitTypes.retired')}
                  </span>
                  {visitModes.includes(v.mode) ? null : (
                    <span className="block small">{t('scheduleAdmin.visitTypes.modeOff')}</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-expanded={editing === v.id}
                    aria-controls="visit-type-panel"
                    onClick={() => setEditing(editing === v.id ? null : v.id)}
                  >
                    {t('scheduleAdmin.visitTypes.edit')}
                    <span className="visually-hidden"> {v.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <button
        ref={addButton}
        type="button"
        className="button button--secondary"
        aria-expanded={editing === 'new'}
        aria-controls="visit-type-panel"
        onClick={() => setEditing(editing === 'new' ? null : 'new')}
      >
        {t('scheduleAdmin.visitTypes.add')}
      </button>
      <div id="visit-type-panel" hidden={editing === null}>
        {editing !== null ? (
          <VisitTypeForm
            key={editing}
            clinicianId={schedule.clinicianId}
            visitType={current ?? null}
            visitModes={visitModes}
            onSaved={(next, name) => {
              saved(next);
              setEditing(null);
              setStatus(t('scheduleAdmin.visitTypes.saved', { name }));
              addButton.current?.focus();
            }}
            onClose={() => {
              setEditing(null);
              addButton.current?.focus();
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
