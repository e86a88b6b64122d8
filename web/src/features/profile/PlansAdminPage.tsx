import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsurancePlan } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { LoadProblem } from '../sharing';
import { usePlans, useUpdatePlan } from './api';
import { formatCents } from './labels';
import { NewPlanForm } from './NewPlanForm';
import './profile.css';

/** Staff and admins: the insurance plans patients pick from; add one, withdraw or offer one again. */
export function PlansAdminPage() {
  const { t } = useTranslation();
  const plans = usePlans(true);
  const [said, setSaid] = useState('');
  const listTitle = useRef<HTMLHeadingElement>(null);
  return (
    <div className="pf-page">
      <PageTitle>{t('profile.plans.title')}</PageTitle>
      <p className="lede">{t('profile.plans.intro')}</p>
      <p className="pf-saved" role="status">
        {said}
      </p>
      <section className="section panel" aria-labelledby="pf-new-plan-title">
        <h2 id="pf-new-plan-title">{t('profile.plans.addTitle')}</h2>
        <NewPlanForm
          onAdded={(plan) => {
            setSaid(t('profile.plans.added', { plan: `${plan.payerName} ${plan.planName}` }));
            listTitle.current?.focus();
          }}
        />
      </section>
      <h2 ref={listTitle} tabIndex={-1}>
        {t('profile.plans.caption')}
      </h2>
      {plans.isLoading ? <Loading /> : null}
      {plans.isError ? (
        <LoadProblem lead={t('profile.plans.loadError')} error={plans.error} retry={() => void plans.refetch()} />
      ) : null}
      {plans.data ? <PlanTable plans={plans.data} onSaid={setSaid} /> : null}
    </div>
  );
}

function PlanTable({ plans, onSaid }: { plans: InsurancePlan[]; onSaid: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdatePlan();
  const columns = [
    t('profile.plans.payer'),
    t('profile.plans.plan'),
    t('profile.plans.category'),
    t('profile.plans.cost'),
    t('profile.plans.referral'),
    t('profile.plans.status'),
  ];
  return (
    <div className="table-scroll pf-access">
      <table className="table pf-access__table">
        <caption className="visually-hidden">{t('profile.plans.caption')}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('profile.plans.status')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => {
            const name = `${p.payerName} ${p.planName}`;
            return (
              <tr key={p.id}>
                <td data-label={columns[0]}>{p.payerName}</td>
                <th scope="row" data-label={columns[1]}>
                  {p.planName}
                </th>
                <td data-label={columns[2]}>{t(`profile.plans.categories.${p.payerCategory}`)}</td>
                <td data-label={columns[3]}>
                  {p.virtualVisitCost === 'copay'
                    ? t('profile.insurance.cost.copay', {
                        amount: formatCents(p.virtualVisitCopayCents ?? 0, i18n.language),
                      })
                    : t(`profile.plans.costs.${p.virtualVisitCost}`)}
                </td>
                <td data-label={columns[4]}>
                  {p.requiresPcpReferral ? t('profile.plans.yes') : t('profile.plans.no')}
                </td>
                <td data-label={columns[5]}>{p.active ? t('profile.plans.active') : t('profile.plans.inactive')}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={
                      p.active
                        ? t('profile.plans.withdrawNamed', { plan: name })
                        : t('profile.plans.offerNamed', { plan: name })
                    }
                    aria-disabled={update.isPending || undefined}
                    onClick={() =>
                      !update.isPending &&
                      update.mutate(
                        { id: p.id, body: { active: !p.active } },
                        {
                          onSuccess: (saved) =>
                            onSaid(
                              saved.active
                                ? t('profile.plans.nowActive', { plan: name })
                                : t('profile.plans.nowInactive', { plan: name }),
                            ),
                          onError: (error) => onSaid(messageForError(t, error)),
                        },
                      )
                    }
                  >
                    {p.active ? t('profile.plans.withdraw') : t('profile.plans.offer')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
