import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CreateUserBody, UserSummary } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useOrganizations } from '../../app/queries';
import { useApi, useRequiredSession } from '../../app/session/context';
import { check, compact } from '../auth';
import { adminKeys } from './api';

const FORM = 'new-user';
const FIELDS = ['givenName', 'familyName', 'email', 'role', 'organizationId'] as const;
type Field = (typeof FIELDS)[number];
type WorkforceRole = CreateUserBody['role'];

function isWorkforceRole(value: string, allowed: readonly WorkforceRole[]): value is WorkforceRole {
  return (allowed as readonly string[]).includes(value);
}

/** Adds a clinician, staff member or (admins only) another admin; the server emails a set-password link. */
export function CreateUserForm({ onCreated }: { onCreated: (user: UserSummary) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useRequiredSession();
  const queryClient = useQueryClient();
  const organizations = useOrganizations();
  const roles: readonly WorkforceRole[] =
    session.user.role === 'admin' ? ['clinician', 'staff', 'admin'] : ['clinician', 'staff'];
  const { values, set, reset } = useFormValues<Field>({
    givenName: '',
    familyName: '',
    email: '',
    role: 'clinician',
    organizationId: session.user.organizationId ?? '',
  });
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);

  const create = useMutation({
    mutationFn: (body: CreateUserBody) => api.post<UserSummary>('/api/admin/users', body),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.usersAll });
      reset();
      onCreated(user);
    },
    onError: failWith,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const role = values.role;
    const problems = compact<Field>({
      givenName: check.required(t, values.givenName, 'givenNameRequired'),
      familyName: check.required(t, values.familyName, 'familyNameRequired'),
      email: check.email(t, values.email),
      role: isWorkforceRole(role, roles) ? undefined : t('validation.invalid.role'),
      organizationId: values.organizationId === '' ? t('validation.organizationRequired') : undefined,
    });
    if (Object.keys(problems).length > 0 || !isWorkforceRole(role, roles)) return fail(problems);
    clear();
    create.mutate({
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      email: values.email.trim(),
      role,
      organizationId: values.organizationId,
    });
  };

  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {(['givenName', 'familyName'] as const).map((name) => (
          <TextField
            key={name}
            formId={FORM}
            name={name}
            label={t(`fields.${name}`)}
            autoComplete="off"
            value={values[name]}
            onChange={(e) => set(name, e.target.value)}
            error={errors.fields[name]}
          />
        ))}
        <TextField
          formId={FORM}
          name="email"
          label={t('fields.email')}
          type="email"
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.fields.email}
        />
        <SelectField
          formId={FORM}
          name="role"
          label={t('fields.role')}
          value={values.role}
          onChange={(e) => set('role', e.target.value)}
          error={errors.fields.role}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          formId={FORM}
          name="organizationId"
          label={t('fields.organization')}
          value={values.organizationId}
          onChange={(e) => set('organizationId', e.target.value)}
          error={errors.fields.organizationId}
        >
          <option value="">{t('common.choose')}</option>
          {(organizations.data ?? []).map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={create.isPending}>{t('admin.users.createSubmit')}</SubmitButton>
      </form>
    </>
  );
}
