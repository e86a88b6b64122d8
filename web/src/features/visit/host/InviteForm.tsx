import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestInvite, GuestInviteBody } from '@portico/contracts';
import { SelectField, TextField } from '../../../app/forms/Field';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { messageForError } from '../../../app/errors';
import { isEmail } from '../../../app/forms/validators';
import { ErrorMessage } from '../../../app/ui/Notice';
import { endonym } from '../../../app/ui/format';
import { availableLanguages, formattingLocale, matchLanguage } from '../../../app/i18n';
import { isPseudoLocale } from '../../../app/i18n/catalogs';
import { interpreterLanguages } from '../../../app/i18n/languageNames';
import { useInviteGuest } from '../api';

interface InviteFormProps {
  appointmentId: string;
  /** The interpreter the appointment needs (asked at booking and check-in): pre-fills the form. */
  interpreterLanguage: string | null;
  onCreated: (invite: GuestInvite) => void;
}

/** Creates an invitation link for a guest (family, caregiver) or an interpreter; optional email. */
export function InviteForm({ appointmentId, interpreterLanguage, onCreated }: InviteFormProps) {
  const { t, i18n } = useTranslation();
  const invite = useInviteGuest(appointmentId);
  const [kind, setKind] = useState<'guest' | 'interpreter'>('guest');
  const [label, setLabel] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState(interpreterLanguage ?? '');
  // The link's pages open in the interpreted language when Portico has it, else in this page's.
  const pagePrefill = matchLanguage(interpreterLanguage) ?? (isPseudoLocale(i18n.language) ? 'en' : i18n.language);
  const [pageLanguage, setPageLanguage] = useState(pagePrefill);
  const languages = interpreterLanguages(formattingLocale(i18n.language), language || null);
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
      pageLanguage,
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
          {languages.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        formId="vi-invite"
        name="pageLanguage"
        label={t('visit.host.guests.pageLanguage')}
        hint={t('visit.host.guests.pageLanguageHint')}
        value={pageLanguage}
        onChange={(event) => setPageLanguage(event.target.value)}
      >
        {availableLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {endonym(code)}
          </option>
        ))}
      </SelectField>
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
