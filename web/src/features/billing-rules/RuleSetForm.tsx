import { FEE_RULE_MAX_CENTS, FEE_RULE_NOTE_MAX, type FeeRules, type FeeRuleSet } from '@portico/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField, TextField } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { money } from '../billing';
import { useCreateRuleSet } from './api';
import {
  AMOUNT_FIELDS,
  checkRuleForm,
  NO_FEE_CHOICES,
  RULE_FIELDS,
  valuesFrom,
  type RuleField,
  type RuleFormValues,
  type RuleProblem,
} from './ruleValues';

const FORM = 'fee-rules';
const AMOUNT_HINTS = {
  telehealthFeeCents: 'billingRules.form.amountHint',
  inPersonRateCents: 'billingRules.form.amountHint',
  deductibleAmountCents: 'billingRules.form.deductibleHint',
  noShowFeeCents: 'billingRules.form.noShowHint',
} as const;

interface RuleSetFormProps {
  organizationId: string;
  /** The rules in force (or the defaults): the form starts from them. */
  rules: FeeRules;
  onSaved: (set: FeeRuleSet) => void;
}

/** Schedules the next version of an organization's fee rules. */
export function RuleSetForm({ organizationId, rules, onSaved }: RuleSetFormProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<RuleFormValues>(() => valuesFrom(rules, new Date()));
  const { errors, fail, failWith, clear } = useFormErrors(RULE_FIELDS);
  const create = useCreateRuleSet();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const set = <K extends keyof RuleFormValues>(name: K, value: RuleFormValues[K]) =>
    setValues((prev) => ({ ...prev, [name]: value }));

  const problemText = (p: RuleProblem): string => {
    switch (p) {
      case 'amount':
        return t('billingRules.form.errors.amount', { max: money(FEE_RULE_MAX_CENTS, i18n.language) });
      case 'noteTooLong':
        return t('billingRules.form.errors.noteTooLong', { max: FEE_RULE_NOTE_MAX });
      default:
        return t(`billingRules.form.errors.${p}`);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const check = checkRuleForm(values, new Date());
    if (!check.ok) {
      const fields: FieldErrors<RuleField> = {};
      for (const [f, p] of Object.entries(check.problems) as [RuleField, RuleProblem][]) fields[f] = problemText(p);
      return fail(fields);
    }
    clear();
    create.mutate(
      { organizationId, ...check.body },
      {
        onSuccess: (saved) => {
          setValues((prev) => ({ ...prev, note: '' }));
          onSaved(saved);
        },
        onError: failWith,
      },
    );
  };

  const togglePayer = (category: (typeof NO_FEE_CHOICES)[number], on: boolean) =>
    set(
      'noFeePayerCategories',
      NO_FEE_CHOICES.filter((c) => (c === category ? on : values.noFeePayerCategories.includes(c))),
    );

  return (
    <form id={FORM} className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary formId={FORM} errors={errors} order={RULE_FIELDS} />
      <Group
        name="noFeePayerCategories"
        legend={t('billingRules.form.noFeePayerCategories')}
        hint={t('billingRules.form.noFeeHint')}
        error={errors.fields.noFeePayerCategories}
      >
        {NO_FEE_CHOICES.map((c, i) => (
          <Choice
            key={c}
            type="checkbox"
            id={i === 0 ? fieldId(FORM, 'noFeePayerCategories') : `${fieldId(FORM, 'noFeePayerCategories')}-${c}`}
            name="noFeePayerCategories"
            label={t(`billingRules.payers.${c}`)}
            checked={values.noFeePayerCategories.includes(c)}
            onChange={(on) => togglePayer(c, on)}
          />
        ))}
      </Group>
      <Group
        name="notCoveredBilling"
        legend={t('billingRules.form.notCoveredBilling')}
        error={errors.fields.notCoveredBilling}
      >
        {(['telehealth_fee', 'in_person_rate'] as const).map((choice, i) => (
          <Choice
            key={choice}
            type="radio"
            id={i === 0 ? fieldId(FORM, 'notCoveredBilling') : `${fieldId(FORM, 'notCoveredBilling')}-${choice}`}
            name="notCoveredBilling"
            label={t(
              choice === 'telehealth_fee'
                ? 'billingRules.form.telehealthFeeChoice'
                : 'billingRules.form.inPersonRateChoice',
            )}
            checked={values.notCoveredBilling === choice}
            onChange={(on) => on && set('notCoveredBilling', choice)}
          />
        ))}
      </Group>
      {AMOUNT_FIELDS.map((name) => (
        <TextField
          key={name}
          formId={FORM}
          name={name}
          label={t(`billingRules.form.${name}`)}
          hint={t(AMOUNT_HINTS[name])}
          inputMode="decimal"
          autoComplete="off"
          width="short"
          value={values[name]}
          onChange={(e) => set(name, e.target.value)}
          error={errors.fields[name]}
        />
      ))}
      <Group name="when" legend={t('billingRules.form.when')} hint={t('billingRules.form.whenHint')}>
        {(['now', 'later'] as const).map((when) => (
          <Choice
            key={when}
            type="radio"
            id={`${FORM}-when-${when}`}
            name="when"
            label={t(`billingRules.form.${when}`)}
            checked={values.when === when}
            onChange={(on) => on && set('when', when)}
          />
        ))}
      </Group>
      {values.when === 'later' ? (
        <TextField
          formId={FORM}
          name="effectiveFrom"
          type="datetime-local"
          label={t('billingRules.form.effectiveFrom')}
          hint={t('billingRules.form.effectiveHint', { zone })}
          width="medium"
          value={values.effectiveAt}
          onChange={(e) => set('effectiveAt', e.target.value)}
          error={errors.fields.effectiveFrom}
        />
      ) : errors.fields.effectiveFrom ? (
        <p className="field__error" id={fieldId(FORM, 'effectiveFrom')} tabIndex={-1}>
          {errors.fields.effectiveFrom}
        </p>
      ) : null}
      <TextAreaField
        formId={FORM}
        name="note"
        label={t('billingRules.form.note')}
        hint={t('billingRules.form.noteHint')}
        maxLength={FEE_RULE_NOTE_MAX}
        value={values.note}
        onChange={(e) => set('note', e.target.value)}
        error={errors.fields.note}
      />
      <SubmitButton pending={create.isPending}>
        {values.when === 'now' ? t('billingRules.form.saveNow') : t('billingRules.form.saveLater')}
      </SubmitButton>
    </form>
  );
}

interface GroupProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}

/** A fieldset of checkboxes or radios with its legend, hint and error read out together. */
function Group({ name, legend, hint, error, children }: GroupProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${FORM}-${name}-hint` : undefined;
  const errorId = error ? `${FORM}-${name}-error` : undefined;
  return (
    <fieldset
      className={error ? 'br-fieldset field--error' : 'br-fieldset'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
          {error}
        </p>
      ) : null}
      <div className="br-choices">{children}</div>
    </fieldset>
  );
}

interface ChoiceProps {
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

function Choice({ type, id, name, label, checked, onChange }: ChoiceProps) {
  return (
    <div className="br-choice">
      <input type={type} id={id} name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
