import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HolidayBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextField } from '../../../app/forms/Field';
import { DateField } from '../../../app/forms/InputFields';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { formFailure } from '../lib/problems';
import { saKeys } from '../lib/queries';
import { formatDay, isIsoDate } from '../lib/time';
import { LiveNotice } from '../shared/LiveNotice';
import { OrganizationSelect } from '../shared/OrganizationSelect';

const FORM = 'holiday';
const FIELDS = ['organizationId', 'date', 'name'] as const;
type Field = (typeof FIELDS)[number];

/** A day the whole organization is closed: no open times for anyone. Same date again renames it. */
export function HolidayForm({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ organizationId, date: '', name: '' });
  const [done, setDone] = useState('');
  const { errors, fail, clear } = useFormErrors(FIELDS);
  const set = (name: Field, value: string) => {
    setDone('');
    setValues((prev) => ({ ...prev, [name]: value }));
  };

  const add = useMutation({
    mutationFn: (body: HolidayBody) => api.post<undefined>('/api/holidays', body),
    onSuccess: (_none, body) => {
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
      setDone(t('scheduleAdmin.holidays.added', { name: body.name, day: formatDay(body.date, i18n.language) }));
      setValues((prev) => ({ ...prev, date: '', name: '' }));
    },
    onError: (error) => {
      const { fields, general } = formFailure<Field>(t, error, FIELDS, (f) => t(`scheduleAdmin.holidays.invalid.${f}`));
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    const problems: Partial<Record<Field, string>> = {};
    if (values.organizationId === '') problems.organizationId = t('validation.organizationRequired');
    if (!isIsoDate(values.date)) problems.date = t('scheduleAdmin.holidays.invalid.date');
    if (values.name.trim().length < 2) problems.name = t('scheduleAdmin.holidays.invalid.name');
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    add.mutate({ organizationId: values.organizationId, date: values.date, name: values.name.trim() });
  };

  return (
    <section className="section" aria-labelledby="holidays-title">
      <h2 id="holidays-title">{t('scheduleAdmin.holidays.title')}</h2>
      <p className="hint">{t('scheduleAdmin.holidays.intro')}</p>
      <LiveNotice message={done} />
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form panel" onSubmit={onSubmit} noValidate>
        <OrganizationSelect
          formId={FORM}
          value={values.organizationId}
          onChange={(id) => set('organizationId', id)}
          error={errors.fields.organizationId}
        />
        <DateField
          formId={FORM}
          name="date"
          label={t('scheduleAdmin.holidays.date')}
          value={values.date}
          onChange={(e) => set('date', e.target.value)}
          error={errors.fields.date}
        />
        <TextField
          formId={FORM}
          name="name"
          label={t('scheduleAdmin.holidays.name')}
          maxLength={100}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.fields.name}
        />
        <SubmitButton pending={add.isPending}>{t('scheduleAdmin.holidays.add')}</SubmitButton>
      </form>
    </section>
  );
}
