import type { FeeRuleSet } from '@portico/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { messageForError } from '../../app/errors';
import { SelectField } from '../../app/forms/Field';
import { useOrganizations } from '../../app/queries';
import { useRequiredSession } from '../../app/session/context';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useRuleSets } from './api';
import { RuleSetForm } from './RuleSetForm';
import { RuleSetTable } from './RuleSetTable';
import { RulesSummary } from './RulesSummary';
import './billing-rules.css';

/**
 * Admins keep each organization's fee rules: the set in force, every version (scheduled and
 * replaced ones too), and a form for the next version, prefilled from the one in force.
 */
export function FeeRulesPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useRequiredSession();
  const organizations = useOrganizations();
  const [params, setParams] = useSearchParams();
  const organizationId = params.get('organization') ?? session.user.organizationId ?? organizations.data?.[0]?.id ?? '';
  const sets = useRuleSets(organizationId);
  const [saved, setSaved] = useState('');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const inForce = sets.data?.ruleSets.find((s) => s.status === 'in_force');

  const onSaved = (set: FeeRuleSet) =>
    setSaved(t('billingRules.form.saved', { version: set.version, date: formatDateTime(set.effectiveFrom, locale) }));

  return (
    <>
      <PageTitle>{t('billingRules.title')}</PageTitle>
      <p className="lede">{t('billingRules.intro')}</p>
      <div className="filters">
        <SelectField
          formId="fee-rules-org"
          name="organization"
          label={t('billingRules.organization')}
          value={organizationId}
          onChange={(event) => {
            setSaved('');
            setParams({ organization: event.target.value });
          }}
        >
          {(organizations.data ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
      {/* Always on the page, so screen readers hear each new message. */}
      <div role="status" className="br-live">
        {saved ? (
          <div className="notice notice--success">
            <div className="notice__body">{saved}</div>
          </div>
        ) : null}
      </div>
      {sets.isLoading ? <Loading /> : null}
      {sets.isError ? (
        <ErrorMessage>
          <p>
            {t('billingRules.loadError')} {messageForError(t, sets.error)}
          </p>
        </ErrorMessage>
      ) : null}
      {sets.data ? (
        <>
          <section className="section" aria-labelledby="br-current">
            <h2 id="br-current">{t('billingRules.current.title')}</h2>
            {inForce ? (
              <p>
                {t('billingRules.current.version', {
                  version: inForce.version,
                  date: formatDateTime(inForce.effectiveFrom, locale),
                })}
              </p>
            ) : (
              <Notice>{t('billingRules.current.defaults')}</Notice>
            )}
            <RulesSummary rules={inForce?.rules ?? sets.data.defaultRules} />
          </section>
          <section className="section" aria-labelledby="br-versions">
            <h2 id="br-versions">{t('billingRules.table.title')}</h2>
            <p className="hint">{t('billingRules.timeZone', { zone })}</p>
            <RuleSetTable ruleSets={sets.data.ruleSets} />
          </section>
          <section className="section" aria-labelledby="br-new">
            <h2 id="br-new">{t('billingRules.form.title')}</h2>
            <p>{t('billingRules.form.intro')}</p>
            <RuleSetForm
              key={`${organizationId}:${inForce?.id ?? 'defaults'}`}
              organizationId={organizationId}
              rules={inForce?.rules ?? sets.data.defaultRules}
              onSaved={onSaved}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
