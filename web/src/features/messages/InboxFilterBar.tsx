import { useTranslation } from 'react-i18next';
import type { ThreadSummary } from '@portico/contracts';
import type { InboxFilters } from './api';

interface InboxFilterBarProps {
  filters: InboxFilters;
  /** The pools to offer are those in the conversations at hand (there is no pool list for staff yet). */
  threads: readonly ThreadSummary[];
  onChange: (filters: InboxFilters) => void;
}

/** Mine or everyone's, open or done, one care team: applied as soon as they change. */
export function InboxFilterBar({ filters, threads, onChange }: InboxFilterBarProps) {
  const { t } = useTranslation();
  const pools = new Map<string, string>();
  for (const th of threads) if (th.poolId) pools.set(th.poolId, th.recipient);
  if (filters.poolId && !pools.has(filters.poolId)) pools.set(filters.poolId, t('messages.inbox.chosenPool'));
  return (
    <fieldset className="msg-filters">
      <legend className="msg-filters__legend">{t('messages.inbox.filters')}</legend>
      <div className="field">
        <label className="field__label" htmlFor="inbox-mine">
          {t('messages.inbox.whose')}
        </label>
        <select
          id="inbox-mine"
          className="input select"
          value={filters.mine ? 'mine' : 'all'}
          onChange={(e) => onChange({ ...filters, mine: e.target.value === 'mine' })}
        >
          <option value="all">{t('messages.inbox.all')}</option>
          <option value="mine">{t('messages.inbox.mine')}</option>
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="inbox-status">
          {t('messages.inbox.statusLabel')}
        </label>
        <select
          id="inbox-status"
          className="input select"
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value === 'done' ? 'done' : 'open' })}
        >
          <option value="open">{t('messages.status.open')}</option>
          <option value="done">{t('messages.status.done')}</option>
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="inbox-pool">
          {t('messages.inbox.pool')}
        </label>
        <select
          id="inbox-pool"
          className="input select"
          value={filters.poolId}
          onChange={(e) => onChange({ ...filters, poolId: e.target.value })}
        >
          <option value="">{t('messages.inbox.anyPool')}</option>
          {[...pools].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
