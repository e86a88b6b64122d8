import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClinicalArea, ClinicalAreaBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextAreaField, TextField } from '../../../app/forms/Field';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi, useRequiredSession } from '../../../app/session/context';
import { formFailure } from '../lib/problems';
import { saKeys } from '../lib/queries';
import { OrganizationSelect } from '../shared/OrganizationSelect';
import { PanelButtons } from '../shared/PanelButtons';
import { ServiceLineSelect } from '../shared/ServiceLineSelect';
import { useFocusOnMount } from '../shared/useFocusOnMount';

const FORM = 'area';
const FIELDS = ['organizationId', 'serviceLineCode', 'name', 'keywords'] as const;
type Field = (typeof FIELDS)[number];

interface AreaFormProps {
  area: ClinicalArea | null;
  onSaved: (area: ClinicalArea) => void;
  onClose: () => void;
}

/** Adds a clinical area or edits one; keywords are the condition words patients search with. */
export function AreaForm({ area, onSaved, onClose }: AreaFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useRequiredSession();
  const queryClient = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [values, setValues] = useState<Record<Field, string>>({
    organizationId: area?.organizationId ?? (session.user.role === 'admin' ? '' : (session.user.organizationId ?? '')),
    serviceLineCode: area?.serviceLineCode ?? '',
    name: area?.name ?? '',
    keywords: area?.keywords ?? '',
  });
  const set = (name: Field, value: string) => setValues((prev) => ({ ...prev, [name]: value }));
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const save = useMutation({
    mutationFn: (body: ClinicalAreaBody) =>
      area
        ? api.put<ClinicalArea>(`/api/directory/clinical-areas/${encodeURIComponent(area.id)}`, body)
        : api.post<ClinicalArea>('/api/directory/clinical-areas', body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: saKeys.areas });
      onSaved(saved);
    },
    onError: (error) => {
      const { fields, general } = formFailure<Field>(t, error, FIELDS, (f) => t(`scheduleAdmin.areas.invalid.${f}`));
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const problems: Partial<Record<Field, string>> = {};
    if (values.organizationId === '') problems.organizationId = t('validation.organizationRequired');
    if (values.serviceLineCode === '') problems.serviceLineCode = t('scheduleAdmin.areas.invalid.serviceLineCode');
    if (values.name.trim().length < 2) problems.name = t('scheduleAdmin.areas.invalid.name');
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    save.mutate({ ...values, name: values.name.trim(), keywords: values.keywords.trim() });
  };

  return (
    <div className="panel sa-panel">
      <h2 ref={heading} tabIndex={-1} className="sa-panel__title">
        {area ? t('scheduleAdmin.areas.editTitle', { name: area.name }) : t('scheduleAdmin.areas.add')}
      </h2>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <OrganizationSelect
          formId={FORM}
          value={values.organizationId}
          onChange={(id) => set('organizationId', id)}
          error={errors.fields.organizationId}
        />
        <ServiceLineSelect
          formId={FORM}
          value={values.serviceLineCode}
          onChange={(code) => set('serviceLineCode', code)}
          error={errors.fields.serviceLineCode}
        />
        <TextField
          formId={FORM}
          name="name"
          label={t('scheduleAdmin.areas.name')}
          maxLength={120}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.fields.name}
        />
        <TextAreaField
          formId={FORM}
          name="keywords"
          label={t('scheduleAdmin.areas.keywords')}
          hint={t('scheduleAdmin.areas.keywordsHint')}
          maxLength={1000}
          value={values.keywords}
          onChange={(e) => set('keywords', e.target.value)}
          error={errors.fields.keywords}
        />
        <PanelButtons submit={t('scheduleAdmin.areas.save')} pending={save.isPending} onClose={onClose} />
      </form>
    </div>
  );
}
