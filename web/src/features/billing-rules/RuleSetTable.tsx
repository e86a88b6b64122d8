import type { FeeRuleSet } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/ui/format';
import { RulesSummary } from './RulesSummary';

const TAG: Record<FeeRuleSet['status'], string> = {
  in_force: 'tag tag--ok',
  scheduled: 'tag br-tag--scheduled',
  superseded: 'tag',
};

/**
 * Every version as a real table (caption, column headers); on a phone it scrolls sideways inside
 * a focusable region so keyboard users can scroll it too.
 */
export function RuleSetTable({ ruleSets }: { ruleSets: readonly FeeRuleSet[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (ruleSets.length === 0) return <p>{t('billingRules.table.none')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="br-caption" tabIndex={0}>
      <table className="table br-table">
        <caption id="br-caption">{t('billingRules.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('billingRules.table.version')}</th>
            <th scope="col">{t('billingRules.table.effective')}</th>
            <th scope="col">{t('billingRules.table.status')}</th>
            <th scope="col">{t('billingRules.table.amounts')}</th>
            <th scope="col">{t('billingRules.table.note')}</th>
            <th scope="col">{t('billingRules.table.savedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {ruleSets.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.version}</th>
              <td className="nowrap">{formatDateTime(s.effectiveFrom, locale)}</td>
              <td>
                <span className={TAG[s.status]}>{t(`billingRules.status.${s.status}`)}</span>
              </td>
              <td>
                <RulesSummary rules={s.rules} />
              </td>
              <td className="br-note">{s.note}</td>
              <td>
                {s.createdByName
                  ? t('billingRules.table.savedByName', {
                      name: s.createdByName,
                      date: formatDateTime(s.createdAt, locale),
                    })
                  : t('billingRules.table.savedBySystem', { date: formatDateTime(s.createdAt, locale) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
