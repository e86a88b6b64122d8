import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { ConfirmRemove } from '../sharing';
import { useRemoveCoverage } from './api';
import { CardPhotos } from './CardPhotos';
import { CoverageForm } from './CoverageForm';
import { formatCents } from './labels';

interface CoverageItemProps {
  coverage: Coverage;
  maxCardBytes: number;
  /** A change that re-orders the list: announce it and move focus to the section. */
  onDone: (said: string) => void;
  /** A change inside this card: announce it only. */
  onSaid: (said: string) => void;
}

/** One insurance as a card: who pays, the member ID, what a virtual visit costs, the card photos. */
export function CoverageItem({ coverage, maxCardBytes, onDone, onSaid }: CoverageItemProps) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const remove = useRemoveCoverage(coverage.id);
  const { plan } = coverage;
  const planName = `${plan.payerName} ${plan.planName}`;
  const titleId = `pf-coverage-${coverage.id}`;
  const cost =
    plan.virtualVisitCost === 'copay'
      ? t('profile.insurance.cost.copay', { amount: formatCents(plan.virtualVisitCopayCents ?? 0, i18n.language) })
      : t(`profile.insurance.cost.${plan.virtualVisitCost}`);

  return (
    <li className="pf-coverage" aria-labelledby={titleId}>
      <p className={coverage.priority === 1 ? 'tag tag--ok' : 'tag'}>
        {coverage.priority === 1 ? t('profile.insurance.primary') : t('profile.insurance.secondary')}
      </p>
      <h3 className="pf-coverage__title" id={titleId}>
        {t('profile.insurance.planHeading', { payer: plan.payerName, plan: plan.planName })}
      </h3>
      <dl className="pf-facts">
        <div>
          <dt>{t('profile.insurance.memberId')}</dt>
          <dd className="mono">{coverage.memberId}</dd>
        </div>
        {coverage.groupNumber ? (
          <div>
            <dt>{t('profile.insurance.groupNumber')}</dt>
            <dd className="mono">{coverage.groupNumber}</dd>
          </div>
        ) : null}
        {coverage.relationship !== 'self' && coverage.subscriberName ? (
          <div>
            <dt>{t('profile.insurance.holder')}</dt>
            <dd>
              {t('profile.insurance.holderValue', {
                name: coverage.subscriberName,
                relationship: t(`profile.insurance.relationships.${coverage.relationship}`),
              })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('profile.insurance.virtualVisits')}</dt>
          <dd>{cost}</dd>
        </div>
        {plan.requiresPcpReferral ? (
          <div>
            <dt>{t('profile.insurance.referral')}</dt>
            <dd>
              {coverage.pcpReferralOnFile
                ? t('profile.insurance.referralOnFile')
                : t('profile.insurance.referralNeeded')}
            </dd>
          </div>
        ) : null}
      </dl>
      <CardPhotos coverage={coverage} maxBytes={maxCardBytes} onSaid={onSaid} />
      {editing ? (
        <CoverageForm
          mode="edit"
          coverage={coverage}
          onCancel={() => {
            setEditing(false);
            window.requestAnimationFrame(() => editButton.current?.focus());
          }}
          onSaved={() => {
            setEditing(false);
            onSaid(t('profile.insurance.changed', { plan: planName }));
            window.requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <div className="button-row">
          <button
            ref={editButton}
            type="button"
            className="button button--secondary"
            aria-label={t('profile.insurance.editNamed', { plan: planName })}
            onClick={() => setEditing(true)}
          >
            {t('profile.insurance.edit')}
          </button>
          <ConfirmRemove
            openLabel={t('profile.insurance.remove')}
            openName={t('profile.insurance.removeNamed', { plan: planName })}
            title={t('profile.insurance.removeTitle', { plan: planName })}
            text={t('profile.insurance.removeText')}
            confirmLabel={t('profile.insurance.removeConfirm')}
            cancelLabel={t('profile.insurance.cancel')}
            pending={remove.isPending}
            onConfirm={() =>
              remove.mutate(undefined, {
                onSuccess: () => onDone(t('profile.insurance.removed', { plan: planName })),
                onError: (error) => setProblem(messageForError(t, error)),
              })
            }
          />
        </div>
      )}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
