import type { FeeRules } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { money } from '../billing';

/** One rule set in words: who pays nothing, what an uncovered visit costs, and each amount. */
export function RulesSummary({ rules }: { rules: FeeRules }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const payers = rules.noFeePayerCategories.map((c) => t(`billingRules.payers.${c}`));
  const rows: [string, string][] = [
    [
      t('billingRules.summary.noFee'),
      payers.length > 0
        ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(payers)
        : t('billingRules.summary.noFeeNone'),
    ],
    [t('billingRules.summary.notCovered'), t(`billingRules.summary.billing.${rules.notCoveredBilling}`)],
    [t('billingRules.summary.telehealthFee'), money(rules.telehealthFeeCents, locale)],
    [t('billingRules.summary.inPersonRate'), money(rules.inPersonRateCents, locale)],
    [t('billingRules.summary.deductible'), money(rules.deductibleAmountCents, locale)],
    [t('billingRules.summary.noShow'), money(rules.noShowFeeCents, locale)],
  ];
  return (
    <dl className="br-summary">
      {rows.map(([term, value]) => (
        <div key={term} className="br-summary__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
