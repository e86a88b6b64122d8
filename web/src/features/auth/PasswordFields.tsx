import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, TextField } from '../../app/forms/Field';
import { PASSWORD_MIN_LENGTH } from '../../app/forms/validators';
import { PasswordStrength } from './PasswordStrength';

interface PasswordFieldsProps {
  formId: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordError?: string | undefined;
  confirmError?: string | undefined;
  /** Field names (and so ids) — "password"/"confirmPassword" unless the form uses others. */
  names?: { password: string; confirm: string };
  labels?: { password: string; confirm: string };
}

/** A new password and its confirmation, with the rules shown before anyone types. */
export function PasswordFields(props: PasswordFieldsProps) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  const names = props.names ?? { password: 'password', confirm: 'confirmPassword' };
  const labels = props.labels ?? { password: t('fields.password'), confirm: t('fields.confirmPassword') };
  const type = show ? 'text' : 'password';
  return (
    <>
      <TextField
        formId={props.formId}
        name={names.password}
        label={labels.password}
        type={type}
        autoComplete="new-password"
        value={props.password}
        onChange={(event) => props.onPassword(event.target.value)}
        error={props.passwordError}
        hint={
          <ul className="hint-list">
            <li>{t('passwordRules.length', { min: PASSWORD_MIN_LENGTH })}</li>
            <li>{t('passwordRules.mix')}</li>
            <li>{t('passwordRules.tip')}</li>
          </ul>
        }
      />
      <PasswordStrength password={props.password} id={`${props.formId}-${names.password}-strength`} />
      <TextField
        formId={props.formId}
        name={names.confirm}
        label={labels.confirm}
        type={type}
        autoComplete="new-password"
        value={props.confirm}
        onChange={(event) => props.onConfirm(event.target.value)}
        error={props.confirmError}
      />
      <Checkbox
        formId={props.formId}
        name="showPassword"
        label={t('fields.showPassword')}
        checked={show}
        onChange={setShow}
      />
    </>
  );
}

type NewPasswordName = 'password' | 'confirmPassword';

interface NewPasswordFieldsProps {
  formId: string;
  values: Record<NewPasswordName, string>;
  set: (name: NewPasswordName, value: string) => void;
  errors: Partial<Record<NewPasswordName, string>>;
}

/** PasswordFields for a form that keeps them as "password" and "confirmPassword" in its values. */
export function NewPasswordFields({ formId, values, set, errors }: NewPasswordFieldsProps) {
  return (
    <PasswordFields
      formId={formId}
      password={values.password}
      confirm={values.confirmPassword}
      onPassword={(v) => set('password', v)}
      onConfirm={(v) => set('confirmPassword', v)}
      passwordError={errors.password}
      confirmError={errors.confirmPassword}
    />
  );
}
