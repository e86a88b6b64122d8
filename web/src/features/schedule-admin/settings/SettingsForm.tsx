import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SchedulingSettings } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextField } from '../../../app/forms/Field';
import { fieldId } from '../../../app/forms/fieldId';
import { NumberField } from '../../../app/forms/InputFields';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { formFailure } from '../lib/problems';
import { saKeys } from '../lib/queries';
import { LiveNotice } from '../shared/LiveNotice';
import {
  NUMBER_FIELDS,
  SETTINGS_FIELDS,
  shapeProblems,
  toBody,
  valuesFrom,
  type SettingsField,
} from './settingsValues';

const FORM = 'scheduling-settings';

/** One organization's scheduling policy. */
export function SettingsForm({ organizationId, settings }: { organizationId: string; settings: SchedulingSettings }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesFrom(settings));
  const [saved, setSaved] = useState(false);
  const { errors, fail, clear } = useFormErrors(SETTINGS_FIELDS);
  const invalid = (f: SettingsField) => t(`scheduleAdmin.settings.invalid.${f}`);

  const save = useMutation({
    mutationFn: (body: SchedulingSettings) =>
      api.put<SchedulingSettings>(`/api/organizations/${encodeURIComponent(organizationId)}/scheduling-settings`, body),
    onSuccess: (next) => {
      queryClient.setQueryData(saKeys.settings(organizationId), next);
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
      setValues(valuesFrom(next));
      setSaved(true);
    },
    onError: (error) => {
      const { fields, general } = formFailure(t, error, SETTINGS_FIELDS, invalid);
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    const bad = shapeProblems(values);
    if (bad.length > 0) return fail(Object.fromEntries(bad.map((f) => [f, invalid(f)])));
    clear();
    save.mutate(toBody(values));
  };
  const change = (name: Exclude<SettingsField, 'emailShowsClinician'>, value: string) => {
    setSaved(false);
    setValues((prev) => ({ ...prev, [name]: value }));
  };

  return (
    <>
      <LiveNotice message={saved ? t('scheduleAdmin.settings.saved') : ''} />
      <ErrorSummary formId={FORM} errors={errors} order={SETTINGS_FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {NUMBER_FIELDS.map((name) => (
          <NumberField
            key={name}
            formId={FORM}
            name={name}
            label={t(`scheduleAdmin.settings.fields.${name}`)}
            hint={t(`scheduleAdmin.settings.hints.${name}`)}
            value={values[name]}
            onChange={(event) => change(name, event.target.value)}
            error={errors.fields[name]}
          />
        ))}
        <TextField
          formId={FORM}
          name="reminderOffsetsMinutes"
          label={t('scheduleAdmin.settings.fields.reminderOffsetsMinutes')}
          hint={t('scheduleAdmin.settings.hints.reminderOffsetsMinutes')}
          width="medium"
          value={values.reminderOffsetsMinutes}
          onChange={(event) => change('reminderOffsetsMinutes', event.target.value)}
          error={errors.fields.reminderOffsetsMinutes}
        />
        <fieldset className="sa-fieldset">
          <legend className="field__label">{t('scheduleAdmin.settings.fields.emailShowsClinician')}</legend>
          {[false, true].map((on) => (
            <div className="sa-radio" key={String(on)}>
              <input
                type="radio"
                id={on ? `${fieldId(FORM, 'emailShowsClinician')}-yes` : fieldId(FORM, 'emailShowsClinician')}
                name="emailShowsClinician"
                checked={values.emailShowsClinician === on}
                onChange={() => {
                  setSaved(false);
                  setValues((prev) => ({ ...prev, emailShowsClinician: on }));
                }}
              />
              <label
                htmlFor={on ? `${fieldId(FORM, 'emailShowsClinician')}-yes` : fieldId(FORM, 'emailShowsClinician')}
              >
                {on ? t('scheduleAdmin.settings.emailNamesClinician') : t('scheduleAdmin.settings.emailMinimal')}
              </label>
            </div>
          ))}
        </fieldset>
        <SubmitButton pending={save.isPending}>{t('scheduleAdmin.settings.save')}</SubmitButton>
      </form>
    </>
  );
}
