import { useTranslation } from 'react-i18next';
import { DateField, EmailField } from '../../app/forms/InputFields';

/** What the sign-in and enrolment fields take: a field of one form, with its value and error. */
interface PersonFieldProps {
  formId: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
}

/**
 * The account's email address (name "email", so server errors and the summary find it).
 * Sign-in asks for it as the "username" the browser saved; the other forms as an email.
 */
export function AccountEmailField({
  autoComplete = 'email',
  ...props
}: PersonFieldProps & { autoComplete?: 'email' | 'username' | 'username webauthn' }) {
  const { t } = useTranslation();
  return (
    <EmailField
      formId={props.formId}
      name="email"
      label={t('fields.email')}
      autoComplete={autoComplete}
      hint={props.hint}
      value={props.value}
      onChange={(event) => props.onValue(event.target.value)}
      error={props.error}
    />
  );
}

/** The date of birth that matches a person to their record. */
function BirthDateField(props: PersonFieldProps) {
  const { t } = useTranslation();
  return (
    <DateField
      formId={props.formId}
      name="birthDate"
      label={t('fields.birthDate')}
      autoComplete="bday"
      hint={props.hint}
      value={props.value}
      onChange={(event) => props.onValue(event.target.value)}
      error={props.error}
    />
  );
}

type IdentityName = 'birthDate' | 'email';

interface IdentityFieldsProps {
  formId: string;
  values: Record<IdentityName, string>;
  set: (name: IdentityName, value: string) => void;
  errors: Partial<Record<IdentityName, string>>;
  emailHint: string;
}

/** Date of birth, then email: how the enrolment forms (activate, sign up) tell who is enrolling. */
export function BirthDateAndEmail({ formId, values, set, errors, emailHint }: IdentityFieldsProps) {
  return (
    <>
      <BirthDateField
        formId={formId}
        value={values.birthDate}
        onValue={(v) => set('birthDate', v)}
        error={errors.birthDate}
      />
      <AccountEmailField
        formId={formId}
        hint={emailHint}
        value={values.email}
        onValue={(v) => set('email', v)}
        error={errors.email}
      />
    </>
  );
}
