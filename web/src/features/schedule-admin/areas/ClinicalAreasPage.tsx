import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClinicalArea } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { useOrganizations } from '../../../app/queries';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { useClinicalAreas, useServiceLines } from '../lib/queries';
import { AreaForm } from './AreaForm';
import { AreaGroup } from './AreaGroup';
import { LiveNotice } from '../shared/LiveNotice';

/** Clinical areas grouped by service line; add one, or rename and re-word one. */
export function ClinicalAreasPage() {
  const { t } = useTranslation();
  const areas = useClinicalAreas();
  const lines = useServiceLines();
  const organizations = useOrganizations();
  const [editing, setEditing] = useState<ClinicalArea | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const orgName = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? '';
  const groups = (lines.data ?? [])
    .map((line) => ({ ...line, areas: (areas.data ?? []).filter((a) => a.serviceLineCode === line.value) }))
    .filter((g) => g.areas.length > 0);
  const close = () => {
    setEditing(null);
    addButton.current?.focus();
  };

  return (
    <>
      <p className="sa-breadcrumb">
        <Link to="/admin/clinicians">{t('scheduleAdmin.clinicians.back')}</Link>
      </p>
      <PageTitle>{t('scheduleAdmin.areas.title')}</PageTitle>
      <p className="lede">{t('scheduleAdmin.areas.intro')}</p>
      <LiveNotice message={status} />
      <button
        ref={addButton}
        type="button"
        className="button"
        aria-expanded={editing === 'new'}
        aria-controls="area-panel"
        onClick={() => setEditing(editing === 'new' ? null : 'new')}
      >
        {t('scheduleAdmin.areas.add')}
      </button>
      <div id="area-panel" hidden={editing === null}>
        {editing !== null ? (
          <AreaForm
            key={editing === 'new' ? 'new' : editing.id}
            area={editing === 'new' ? null : editing}
            onSaved={(area) => {
              setStatus(t('scheduleAdmin.areas.saved', { name: area.name }));
              close();
            }}
            onClose={close}
          />
        ) : null}
      </div>
      {areas.isLoading || lines.isLoading ? <Loading /> : null}
      {areas.isError ? <ErrorMessage>{messageForError(t, areas.error)}</ErrorMessage> : null}
      {areas.data ? (
        <section className="section" aria-labelledby="areas-title">
          <h2 id="areas-title">{t('scheduleAdmin.areas.byLine')}</h2>
          <p className="results__count">
            {t('scheduleAdmin.areas.count', { count: areas.data.length, lines: groups.length })}
          </p>
          {groups.map((g) => (
            <AreaGroup
              key={g.value}
              name={g.label}
              areas={g.areas}
              orgName={orgName}
              editingId={editing !== null && editing !== 'new' ? editing.id : null}
              onEdit={(area) => setEditing(area)}
            />
          ))}
        </section>
      ) : null}
    </>
  );
}
