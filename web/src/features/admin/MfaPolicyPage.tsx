import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MfaPolicy, MfaRoleEnrollment, Role } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { Checkbox } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useStepUp } from '../mfa';
import { useRequiredSession } from '../../app/session/context';
import { useMfaPolicies, useOwnFactor, useSaveMfaPolicy } from './mfaPolicyApi';

/** The workforce first: they are the roles the policy is mostly about. */
const ROLE_ORDER: readonly Role[] = ['clinician', 'staff', 'admin', 'patient', 'proxy'];
const NAMED: readonly Role[] = ['clinician', 'staff', 'admin'];

/**
 * Admin › Sign-in policy: which roles of each organization this admin administers must use a
 * second step to sign in, and who has not set one up yet (issue 13).
 */
export function MfaPolicyPage() {
  const { t } = useTranslation();
  const policies = useMfaPolicies();
  return (
    <div className="narrow-wide">
      <PageTitle>{t('admin.mfaPolicy.title')}</PageTitle>
      <p className="lede">{t('admin.mfaPolicy.intro')}</p>
      {policies.isLoading ? <Loading /> : null}
      {policies.isError ? <ErrorMessage>{messageForError(t, policies.error)}</ErrorMessage> : null}
      {policies.data?.length === 0 ? <Notice>{t('admin.mfaPolicy.noOrganization')}</Notice> : null}
      {policies.data?.map((policy) => (
        <OrganizationPolicy key={policy.organizationId} policy={policy} />
      ))}
    </div>
  );
}

function OrganizationPolicy({ policy: loaded }: { policy: MfaPolicy }) {
  const { t } = useTranslation();
  const formId = `mfa-policy-${loaded.organizationId}`;
  const [roles, setRoles] = useState<readonly Role[]>(loaded.requiredRoles);
  const [confirmed, setConfirmed] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useSaveMfaPolicy();
  // What was just saved counts at once, before the list is read again.
  const policy = save.data ?? loaded;
  const { guard, dialog } = useStepUp();
  const removingAdmin = policy.requiredRoles.includes('admin') && !roles.includes('admin');
  const ownRole = useRequiredSession().user.role;
  const ownFactor = useOwnFactor();
  const bindsMe = ownFactor.data === false && roles.includes(ownRole) && !policy.requiredRoles.includes(ownRole);
  const confirmId = fieldId(formId, 'confirmAdminWithoutSecondFactor');
  const unconfirmed = isApiError(save.error) && save.error.code === 'mfa_admin_requirement_unconfirmed';
  const headingId = `${formId}-title`;

  const submit = () => {
    setSaved(false);
    save.mutate(
      {
        organizationId: policy.organizationId,
        body: { requiredRoles: [...roles], ...(removingAdmin ? { confirmAdminWithoutSecondFactor: confirmed } : {}) },
      },
      {
        onSuccess: () => {
          setSaved(true);
          setConfirmed(false);
        },
        onError: (error) => guard(error, submit),
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) submit();
  };
  const toggle = (role: Role, on: boolean) => {
    setSaved(false);
    setRoles((now) => (on ? [...now.filter((r) => r !== role), role] : now.filter((r) => r !== role)));
  };
  const showError = save.error && !(isApiError(save.error) && save.error.code === 'step_up_required');

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{policy.organizationName}</h2>
      {policy.usesServerDefault ? <p>{t('admin.mfaPolicy.serverDefault')}</p> : null}
      {saved ? <Notice tone="success">{t('admin.mfaPolicy.saved')}</Notice> : null}
      {showError && !unconfirmed ? <ErrorMessage>{messageForError(t, save.error)}</ErrorMessage> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="radio-group">
          <legend className="field__label">{t('admin.mfaPolicy.legend')}</legend>
          <p className="field__hint">{t('admin.mfaPolicy.hint')}</p>
          {ROLE_ORDER.map((role) => (
            <Checkbox
              key={role}
              formId={formId}
              name={`role-${role}`}
              label={t(`admin.mfaPolicy.role.${role}`)}
              checked={roles.includes(role)}
              onChange={(on) => toggle(role, on)}
            />
          ))}
        </fieldset>
        {removingAdmin ? (
          <div className="help-box" role="group" aria-labelledby={`${formId}-warning`}>
            <h3 id={`${formId}-warning`} className="help-box__title">
              {t('admin.mfaPolicy.adminWarningTitle')}
            </h3>
            <p>{t('admin.mfaPolicy.adminWarning')}</p>
            {unconfirmed && !confirmed ? (
              <p className="field__error" id={`${confirmId}-error`} role="alert">
                {t('errors.codes.mfa_admin_requirement_unconfirmed')}
              </p>
            ) : null}
            <Checkbox
              formId={formId}
              name="confirmAdminWithoutSecondFactor"
              label={t('admin.mfaPolicy.adminConfirm', { organization: policy.organizationName })}
              checked={confirmed}
              onChange={setConfirmed}
            />
          </div>
        ) : null}
        {bindsMe ? <Notice tone="warning">{t('admin.mfaPolicy.selfNotEnrolled')}</Notice> : null}
        <SubmitButton pending={save.isPending}>{t('admin.mfaPolicy.save')}</SubmitButton>
      </form>
      <h3>{t('admin.mfaPolicy.peopleTitle')}</h3>
      <dl className="details">
        {ROLE_ORDER.map((role) => {
          const row = policy.roles.find((r) => r.role === role);
          return row ? <RoleEnrollment key={role} row={row} /> : null;
        })}
      </dl>
      <p className="field__hint">{t('admin.mfaPolicy.namesHidden')}</p>
      {dialog}
    </section>
  );
}

function RoleEnrollment({ row }: { row: MfaRoleEnrollment }) {
  const { t } = useTranslation();
  const shown = row.notEnrolledPeople.length;
  return (
    <div>
      <dt>{t(`admin.mfaPolicy.role.${row.role}`)}</dt>
      <dd>
        <p>
          {row.people === 0
            ? t('admin.mfaPolicy.nobody')
            : row.notEnrolled === 0
              ? t('admin.mfaPolicy.allEnrolled', { people: row.people })
              : t('admin.mfaPolicy.notEnrolled', { count: row.notEnrolled, people: row.people })}
        </p>
        {NAMED.includes(row.role) && shown > 0 ? (
          <>
            <ul className="plain-list">
              {row.notEnrolledPeople.map((person) => (
                <li key={person.id}>
                  <Link to={`/admin/users?q=${encodeURIComponent(person.email)}`}>{person.displayName}</Link>{' '}
                  <span>{person.email}</span>
                </li>
              ))}
            </ul>
            {row.notEnrolled > shown ? (
              <p className="field__hint">{t('admin.mfaPolicy.moreNames', { shown, count: row.notEnrolled })}</p>
            ) : null}
          </>
        ) : null}
      </dd>
    </div>
  );
}
