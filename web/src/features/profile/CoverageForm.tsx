import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coverage, CoverageRelationship } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useAddCoverage, useChangeCoverage } from './api';
import { isOneOf, RELATIONSHIPS } from './labels';
import { PlanPicker } from './PlanPicker';

const FIELDS = ['payer', 'planId', 'priority', 'memberId', 'groupNumber', 'relationship', 'subscriberName'] as const;
type Field = (typeof FIELDS)[number];

type CoverageFormProps = {
  onCancel: () => void;
  onSaved: (coverage: Coverage) => void;
} & ({ mode: 'add'; defaultPriority: 1 | 2 } | { mode: 'edit'; coverage: Coverage });

/** Add an insurance from the health system's list, or change one: plan, member ID, whose plan it is. */
export function CoverageForm(props: CoverageFormProps) {
  const { t } = useTranslation();
  const form = useId().replace(/:/g, '');
  const title = useRef<HTMLHeadingElement>(null);
  const existing = props.mode === 'edit' ? props.coverage : null;
  const { values, set } = useFormValues<Field>({
    payer: existing?.plan.payerName ?? '',
    planId: existing?.plan.id ?? '',
    priority: String(props.mode === 'add' ? props.defaultPriority : (existing?.priority ?? 1)),
    memberId: existing?.memberId ?? '',
    groupNumber: existing?.groupNumber ?? '',
    relationship: existing?.relationship ?? 'self',
    subscriberName: existing?.subscriberName ?? '',
  });
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const add = useAddCoverage();
  const change = useChangeCoverage(existing?.id ?? '');
  const pending = add.isPending || change.isPending;
  const relationship: CoverageRelationship = isOneOf(RELATIONSHIPS, values.relationship) ? values.relationship : 'self';

  useEffect(() => title.current?.focus(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const problems: FieldErrors<Field> = {};
    if (!values.payer) problems.payer = t('profile.form.errors.payer');
    else if (!values.planId) problems.planId = t('profile.form.errors.planId');
    if (!values.memberId.trim()) problems.memberId = t('profile.form.errors.memberId');
    if (relationship !== 'self' && !values.subscriberName.trim()) {
      problems.subscriberName = t('profile.form.errors.subscriberName');
    }
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    const details = {
      planId: values.planId,
      memberId: values.memberId.trim(),
      groupNumber: values.groupNumber.trim() || null,
      relationship,
      subscriberName: relationship === 'self' ? null : values.subscriberName.trim(),
    };
    const handlers = {
      onSuccess: props.onSaved,
      onError: (error: unknown) => {
        // Two primaries: say so at the priority choice.
        if (isApiError(error) && error.code === 'coverage_priority_taken') fail({ priority: error.detail ?? '' });
        else failWith(error);
      },
    };
    if (props.mode === 'add') add.mutate({ ...details, priority: values.priority === '2' ? 2 : 1 }, handlers);
    else change.mutate(details, handlers);
  };

  const priorityError = errors.fields.priority;
  return (
    <div className="pf-form panel">
      <h3 ref={title} tabIndex={-1}>
        {props.mode === 'add' ? t('profile.form.addTitle') : t('profile.form.editTitle')}
      </h3>
      <ErrorSummary formId={form} errors={errors} order={FIELDS} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <PlanPicker
          formId={form}
          payer={values.payer}
          planId={values.planId}
          errors={errors.fields}
          onPayer={(payer, planId) => {
            set('payer', payer);
            set('planId', planId);
          }}
          onPlan={(planId) => set('planId', planId)}
        />
        {props.mode === 'add' ? (
          <fieldset
            className={priorityError ? 'pf-fieldset field--error' : 'pf-fieldset'}
            aria-describedby={priorityError ? `${fieldId(form, 'priority')}-error` : undefined}
          >
            <legend className="field__label">{t('profile.form.priority')}</legend>
            {priorityError ? (
              <p className="field__error" id={`${fieldId(form, 'priority')}-error`}>
                <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
                {priorityError}
              </p>
            ) : null}
            {(['1', '2'] as const).map((p) => {
              const id = p === '1' ? fieldId(form, 'priority') : `${fieldId(form, 'priority')}-2`;
              return (
                <div className="pf-choice" key={p}>
                  <input
                    type="radio"
                    id={id}
                    name="priority"
                    value={p}
                    checked={values.priority === p}
                    onChange={() => set('priority', p)}
                  />
                  <label htmlFor={id}>{t(`profile.form.priorities.${p}`)}</label>
                </div>
              );
            })}
          </fieldset>
        ) : null}
        <TextField
          formId={form}
          name="memberId"
          width="medium"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          label={t('profile.form.memberId')}
          hint={t('profile.form.memberIdHint')}
          value={values.memberId}
          error={errors.fields.memberId}
          onChange={(e) => set('memberId', e.target.value)}
        />
        <TextField
          formId={form}
          name="groupNumber"
          width="medium"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          label={t('profile.form.groupNumber')}
          value={values.groupNumber}
          error={errors.fields.groupNumber}
          onChange={(e) => set('groupNumber', e.target.value)}
        />
        <SelectField
          formId={form}
          name="relationship"
          label={t('profile.form.relationship')}
          value={relationship}
          error={errors.fields.relationship}
          onChange={(e) => set('relationship', e.target.value)}
        >
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {t(`profile.insurance.relationships.${r}`)}
            </option>
          ))}
        </SelectField>
        {relationship !== 'self' ? (
          <TextField
            formId={form}
            name="subscriberName"
            autoComplete="off"
            maxLength={200}
            label={t('profile.form.subscriberName')}
            hint={t('profile.form.subscriberNameHint')}
            value={values.subscriberName}
            error={errors.fields.subscriberName}
            onChange={(e) => set('subscriberName', e.target.value)}
          />
        ) : null}
        <div className="button-row">
          <SubmitButton pending={pending}>
            {props.mode === 'add' ? t('profile.form.submitAdd') : t('profile.form.submitEdit')}
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={props.onCancel}>
            {t('profile.insurance.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
