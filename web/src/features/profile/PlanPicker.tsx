import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../app/forms/Field';
import type { FieldErrors } from '../../app/forms/useFormErrors';
import { Loading } from '../../app/ui/Loading';
import { LoadProblem } from '../sharing';
import { usePlans } from './api';

interface PlanPickerProps {
  formId: string;
  payer: string;
  planId: string;
  errors: FieldErrors<'payer' | 'planId'>;
  /** A new payer; its plan when it has only one, else ''. */
  onPayer: (payer: string, planId: string) => void;
  onPlan: (planId: string) => void;
}

/** The insurance company first, then its plan: both from the health system's list. */
export function PlanPicker({ formId, payer, planId, errors, onPayer, onPlan }: PlanPickerProps) {
  const { t, i18n } = useTranslation();
  const plans = usePlans();
  const payers = useMemo(() => {
    const names = [...new Set((plans.data ?? []).map((p) => p.payerName))];
    return names.sort(new Intl.Collator(i18n.language).compare);
  }, [plans.data, i18n.language]);
  const ofPayer = (plans.data ?? []).filter((p) => p.payerName === payer);

  if (plans.isLoading) return <Loading />;
  if (plans.isError) {
    return (
      <LoadProblem lead={t('profile.insurance.loadError')} error={plans.error} retry={() => void plans.refetch()} />
    );
  }
  return (
    <>
      <SelectField
        formId={formId}
        name="payer"
        label={t('profile.form.payer')}
        hint={t('profile.form.payerHint')}
        value={payer}
        error={errors.payer}
        onChange={(e) => {
          const mine = (plans.data ?? []).filter((p) => p.payerName === e.target.value);
          onPayer(e.target.value, mine.length === 1 ? (mine[0]?.id ?? '') : '');
        }}
      >
        <option value="">{t('profile.choose')}</option>
        {payers.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <SelectField
        formId={formId}
        name="planId"
        label={t('profile.form.plan')}
        hint={payer ? undefined : t('profile.form.choosePayerFirst')}
        value={planId}
        error={errors.planId}
        onChange={(e) => onPlan(e.target.value)}
      >
        <option value="">{t('profile.choose')}</option>
        {ofPayer.map((p) => (
          <option key={p.id} value={p.id}>
            {p.planName}
          </option>
        ))}
      </SelectField>
    </>
  );
}
