import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClinicianCard } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { formFailure } from '../lib/problems';
import { saKeys } from '../lib/queries';
import { ClinicianFields } from './ClinicianFields';
import { CLINICIAN_FIELDS, checkValues, toBody, type ClinicianField, type ClinicianValues } from './clinicianValues';

const FORM = 'clinician';

interface ClinicianFormProps {
  /** Absent for a new clinician. */
  clinicianId?: string;
  initial: ClinicianValues;
  onSaved: (clinician: ClinicianCard) => void;
}

/** Adds or edits a clinician's directory profile. */
export function ClinicianForm({ clinicianId, initial, onSaved }: ClinicianFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const { errors, fail, clear } = useFormErrors(CLINICIAN_FIELDS);
  const set = <K extends keyof ClinicianValues>(name: K, value: ClinicianValues[K]) =>
    setValues((prev) => ({ ...prev, [name]: value }));

  const save = useMutation({
    mutationFn: (v: ClinicianValues) =>
      clinicianId
        ? api.put<ClinicianCard>(`/api/directory/clinicians/${encodeURIComponent(clinicianId)}`, toBody(v))
        : api.post<ClinicianCard>('/api/directory/clinicians', toBody(v)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: saKeys.clinicians });
      void queryClient.invalidateQueries({ queryKey: saKeys.areas });
      void queryClient.invalidateQueries({ queryKey: saKeys.schedule(saved.id) });
      onSaved(saved);
    },
    onError: (error) => {
      const { fields, general } = formFailure<ClinicianField>(t, error, CLINICIAN_FIELDS, (field) =>
        t(`scheduleAdmin.clinicianForm.invalid.${field}`),
      );
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const problems = checkValues(values);
    const keys = Object.keys(problems) as ClinicianField[];
    if (keys.length > 0) {
      const messages: Partial<Record<ClinicianField, string>> = {};
      for (const key of keys) {
        const problem = problems[key];
        if (problem) messages[key] = t(`scheduleAdmin.clinicianForm.problems.${problem}`);
      }
      return fail(messages);
    }
    clear();
    save.mutate(values);
  };

  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={CLINICIAN_FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <ClinicianFields formId={FORM} values={values} set={set} errors={errors.fields} isNew={!clinicianId} />
        <SubmitButton pending={save.isPending}>
          {clinicianId ? t('scheduleAdmin.clinicianForm.save') : t('scheduleAdmin.clinicianForm.create')}
        </SubmitButton>
      </form>
    </>
  );
}
