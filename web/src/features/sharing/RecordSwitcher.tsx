import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OpenRecord, RecordList } from '@portico/contracts';
import { useRecords, useSwitchRecord, useWatchOpenRecord } from './api';
import './sharing.css';

/** The account can act for someone else: a proxy, or a patient someone shared their record with. */
export function canActForOthers(records: RecordList | undefined, isProxyRole: boolean): boolean {
  return isProxyRole || (records?.records.some((r) => !r.self) ?? false);
}

interface RecordSwitcherProps {
  isProxyRole: boolean;
  /** What the header shows for an account with only its own record. */
  fallback: ReactNode;
}

/**
 * The header's "You are viewing: Rosa Delgado's record", on every page, with a way to open
 * another record. Only for accounts that can act for someone else; others see `fallback`.
 * Checks the list again on every navigation, since access can be withdrawn at any moment.
 */
export function RecordSwitcher({ isProxyRole, fallback }: RecordSwitcherProps) {
  const records = useRecords();
  useWatchOpenRecord();
  const { pathname } = useLocation();
  const first = useRef(true);
  const { refetch } = records;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void refetch();
  }, [pathname, refetch]);

  if (!records.data || !canActForOthers(records.data, isProxyRole)) return <>{fallback}</>;
  return <Switcher list={records.data} />;
}

function Switcher({ list }: { list: RecordList }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const switchRecord = useSwitchRecord();
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const [problem, setProblem] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const current = list.records.find((r) => r.patientId === list.current);
  const others = list.records.filter((r) => r.patientId !== list.current);
  useAnnounceLostAccess(list, setSaid);

  const choose = (record: OpenRecord) => {
    setProblem('');
    switchRecord.mutate(record.patientId, {
      onSuccess: () => {
        setOpen(false);
        setSaid(
          record.self ? t('sharing.switcher.switchedOwn') : t('sharing.switcher.switched', { name: record.name }),
        );
        // A page about one item (a message, a visit) belonged to the old record: go to its list.
        const section = pathname.split('/').filter(Boolean)[0];
        const target = section ? `/${section}` : '/';
        if (target !== pathname) void navigate(target);
        else toggle.current?.focus();
      },
      onError: () => setProblem(t('sharing.switcher.failed')),
    });
  };

  const viewing = !current
    ? t('sharing.switcher.noneOpen')
    : current.self
      ? t('sharing.switcher.viewingOwn')
      : t('sharing.switcher.viewing', { name: current.name });

  return (
    <div className="who__item rs">
      <p className="who__record rs__viewing" data-testid="open-record">
        {viewing}
      </p>
      {others.length > 0 ? (
        <button
          ref={toggle}
          type="button"
          className="button button--quiet rs__toggle"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((o) => !o)}
        >
          {current ? t('sharing.switcher.switch') : t('sharing.switcher.choose')}
        </button>
      ) : null}
      <ul id={listId} className="rs__list" hidden={!open} aria-label={t('sharing.switcher.menuLabel')}>
        {others.map((r) => (
          <li key={r.patientId}>
            <button
              type="button"
              className="button button--secondary rs__choice"
              aria-disabled={switchRecord.isPending || undefined}
              onClick={() => !switchRecord.isPending && choose(r)}
            >
              {r.self ? t('sharing.switcher.openOwn') : t('sharing.held.openNamed', { name: r.name })}
            </button>
          </li>
        ))}
      </ul>
      {problem ? (
        <p className="rs__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </div>
  );
}

/** Says so when the open record closes by itself (its sharing was withdrawn or has ended). */
function useAnnounceLostAccess(list: RecordList, say: (text: string) => void): void {
  const { t } = useTranslation();
  const last = useRef<{ current: string | null; self: boolean } | null>(null);
  useEffect(() => {
    const now = list.records.find((r) => r.patientId === list.current);
    const before = last.current;
    last.current = { current: list.current, self: now?.self ?? false };
    if (!before || before.current === list.current || before.self || before.current === null) return;
    if (list.records.some((r) => r.patientId === before.current)) return;
    say(t('sharing.switcher.ended'));
  }, [list, say, t]);
}
