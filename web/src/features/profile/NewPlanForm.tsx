import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsurancePlan } from '@portico/contracts';
import { Checkbox, SelectField, TextField } from '../../app/forms/Field';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useAddPlan } from './api';
import { CATEGORIES, COSTS, isOneOf } from './labels';

const FORM = 'pf-new-plan';
const FIELDS = ['payerName', 'planName', 'payerCategory', 'virtualVisitCost', 'virtualVisitCopayCents'] as const;
type Field = (typeof FIELDS)[number];
const INITIAL: Record<Field, string> = {
  payerName: '',
  planName: '',
  payerCategory: '',
  virtualVisitCost: 'copay',
  virtualVisitCopayCents: '',
};
const DOLLARS = /^\d{1,4}(\.\d{1,2})?$/;

/** Staff add a plan to the catalog: payer, plan, kind of payer, and what a virtual visit costs. */
export function NewPlanForm({ onAdded }: { onAdded: (plan: InsurancePlan) => void }) {
  const { t } = useTranslation();
  const { values, set, reset } = useFormValues(INITIAL);
  const [referral, setReferral] = useState(false);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const add = useAddPlan();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    const problems: FieldErrors<Field> = {};
    if (!values.payerName.trim()) problems.payerName = t('profile.plans.errors.payerName');
    if (!values.planName.trim()) problems.planName = t('profile.plans.errors.planName');
    const category = values.payerCategory;
    if (!isOneOf(CATEGORIES, category)) problems.payerCategory = t('profile.plans.errors.payerCategory');
    const cost = isOneOf(COSTS, values.virtualVisitCost) ? values.virtualVisitCost : 'copay';
    const copay = values.virtualVisitCopayCents.trim();
    if (cost === 'copay' && !DOLLARS.test(copay)) problems.virtualVisitCopayCents = t('profile.plans.errors.copay');
    if (Object.keys(problems).length > 0 || !isOneOf(CATEGORIES, category)) return fail(problems);
    clear();
    add.mutate(
      {
        payerName: values.payerName.trim(),
        planName: values.planName.trim(),
        payerCategory: category,
        virtualVisitCost: cost,
        ...(cost === 'copay' ? { virtualVisitCopayCents: Math.round(Number(copay) * 100) } : {}),
        requiresPcpReferral: referral,
      },
      {
        onSuccess: (plan) => {
          reset();
          setReferral(false);
          onAdded(plan);
        },
        onError: failWith,
      },
    );
  };

  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="pf-new-plan-title">
        <TextField
          formId={FORM}
          name="payerName"
          maxLength={120}
          label={t('profile.plans.payer')}
          value={values.payerName}
          error={errors.fields.payerName}
          onChange={(e) => set('payerName', e.target.value)}
        />
        <TextField
          formId={FORM}
          name="planName"
          maxLength={120}
          label={t('profile.plans.plan')}
          value={values.planName}
          error={errors.fields.planName}
          onChange={(e) => set('planName', e.target.value)}
        />
        <SelectField
          formId={FORM}
          name="payerCategory"
          label={t('profile.plans.category')}
          value={values.payerCategory}
          error={errors.fields.payerCategory}
          onChange={(e) => set('payerCategory', e.target.value)}
        >
          <option value="">{t('profile.choose')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`profile.plans.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          formId={FORM}
          name="virtualVisitCost"
          label={t('profile.plans.cost')}
          value={values.virtualVisitCost}
          error={errors.fields.virtualVisitCost}
          onChange={(e) => set('virtualVisitCost', e.target.value)}
        >
          {COSTS.map((c) => (
            <option key={c} value={c}>
              {t(`profile.plans.costs.${c}`)}
            </option>
          ))}
        </SelectField>
        {values.virtualVisitCost === 'copay' ? (
          <TextField
            formId={FORM}
            name="virtualVisitCopayCents"
            width="short"
            inputMode="decimal"
            label={t('profile.plans.copay')}
            hint={t('profile.plans.copayHint')}
            value={values.virtualVisitCopayCents}
            error={errors.fields.virtualVisitCopayCents}
            onChange={(e) => set('virtualVisitCopayCents', e.target.value)}
          />
        ) : null}
        <Checkbox
          formId={FORM}
          name="requiresPcpReferral"
          label={t('profile.plans.requiresReferral')}
          checked={referral}
          onChange={setReferral}
        />
        <SubmitButton pending={add.isPending}>{t('profile.plans.submit')}</SubmitButton>
      </form>
    </>
  );
}
