import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestInvite, GuestInviteBody } from '@portico/contracts';
import { SelectField, TextField } from '../../../app/forms/Field';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { messageForError } from '../../../app/errors';
import { isEmail } from '../../../app/forms/validators';
import { ErrorMessage } from '../../../app/ui/Notice';
import { languageName } from '../../../app/ui/format';
import { useInviteGuest } from '../api';
import { INTERPRETER_LANGUAGES } from '../places';

interface InviteFormProps {
  appointmentId: string;
  onCreated: (invite: GuestInvite) => void;
}

/** Creates an invitation link for a guest (family, caregiver) or an interpreter; optional email. */
export function InviteForm({ appointmentId, onCreated }: InviteFormProps) {
  const { t, i18n } = useTranslation();
  const invite = useInviteGuest(appointmentId);
  const [kind, setKind] = useState<'guest' | 'interpreter'>('guest');
  const [label, setLabel] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState('');
  const [errors, setErrors] = useState<{ label?: string; email?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invite.isPending) return;
    const found: { label?: string; email?: string } = {};
    if (label.trim() === '') found.label = t('visit.host.guests.errors.label');
    if (email.trim() !== '' && !isEmail(email)) found.email = t('visit.host.guests.errors.email');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: GuestInviteBody = {
      kind,
      label: label.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(kind === 'interpreter' && language ? { language } : {}),
    };
    invite.mutate(body, {
      onSuccess: (created) => {
        setLabel('');
        setEmail('');
        onCreated(created);
      },
    });
  };

  return (
    <form className="vi-invite" onSubmit={submit} noValidate aria-label={t('visit.host.guests.formLabel')}>
      {invite.isError ? <ErrorMessage>{messageForError(t, invite.error)}</ErrorMessage> : null}
      <SelectField
        formId="vi-invite"
        name="kind"
        label={t('visit.host.guests.kind')}
        value={kind}
        onChange={(event) => setKind(event.target.value === 'interpreter' ? 'interpreter' : 'guest')}
      >
        <option value="guest">{t('visit.roles.guest')}</option>
        <option value="interpreter">{t('visit.roles.interpreter')}</option>
      </SelectField>
      <TextField
        formId="vi-invite"
        name="label"
        label={t('visit.host.guests.label')}
        hint={t('visit.host.guests.labelHint')}
        maxLength={80}
        value={label}
        error={errors.label}
        onChange={(event) => setLabel(event.target.value)}
      />
      {kind === 'interpreter' ? (
        <SelectField
          formId="vi-invite"
          name="language"
          label={t('visit.host.guests.language')}
          value={language}
          onChange={(event) => setLanguage(event.target.value)}
        >
          <option value="">{t('common.choose')}</option>
          {INTERPRETER_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        formId="vi-invite"
        name="email"
        type="email"
        autoComplete="off"
        label={t('visit.host.guests.email')}
        hint={t('visit.host.guests.emailHint')}
        value={email}
        error={errors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <SubmitButton pending={invite.isPending} variant="secondary">
        {t('visit.host.guests.submit')}
      </SubmitButton>
    </form>
  );
}
