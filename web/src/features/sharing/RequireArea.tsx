import { useState } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PortalArea, RecordList } from '@portico/contracts';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useRecords, useSwitchRecord } from './api';
import { NoAccessNotice } from './NoAccess';
import './sharing.css';

/**
 * Pages of one part of a record. When the open record is someone else's and their sharing does
 * not include this part, the page says so kindly instead of failing; when no record is open yet
 * (a proxy who has just signed in), it offers the records to choose from. Until the records are
 * known the page renders as usual (the server still refuses; the page then shows the notice).
 */
export function RequireArea({ area }: { area: PortalArea }) {
  const { t } = useTranslation();
  const { data } = useRecords();
  const record = data?.records.find((r) => r.patientId === data.current);
  if (data && !record) {
    return (
      <>
        <PageTitle>{t(`sharing.areas.${area}`)}</PageTitle>
        <ChooseRecord records={data} />
      </>
    );
  }
  if (record && !record.areas.includes(area)) {
    return (
      <>
        <PageTitle>{t(`sharing.areas.${area}`)}</PageTitle>
        <NoAccessNotice name={record.name} />
      </>
    );
  }
  return <Outlet />;
}

/** No record is open: the ones this account may open, one button each. */
export function ChooseRecord({ records }: { records: RecordList }) {
  const { t } = useTranslation();
  const open = useSwitchRecord();
  const [problem, setProblem] = useState('');
  if (records.records.length === 0) {
    return (
      <Notice title={t('sharing.noRecord.title')}>
        <p>{t('sharing.noRecord.none')}</p>
      </Notice>
    );
  }
  return (
    <Notice title={t('sharing.noRecord.title')}>
      <p>{t('sharing.noRecord.body')}</p>
      <ul className="sh-choose">
        {records.records.map((r) => (
          <li key={r.patientId}>
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={open.isPending || undefined}
              onClick={() => {
                if (open.isPending) return;
                // This notice gives way to the page itself: take focus to its heading.
                void open.mutateAsync(r.patientId).then(
                  () => window.requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus()),
                  () => setProblem(t('sharing.switcher.failed')),
                );
              }}
            >
              {r.self ? t('sharing.switcher.yours', { name: r.name }) : t('sharing.held.openNamed', { name: r.name })}
            </button>
          </li>
        ))}
      </ul>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </Notice>
  );
}
