import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestVisit } from '@portico/contracts';
import { TextField } from '../../../app/forms/Field';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useClaimInvitation } from '../api';
import { DeviceCheckLink } from '../DeviceCheckLink';
import { NotRecorded } from '../NotRecorded';

/** "What name should the clinician see?" — then the link is claimed for this browser. */
export function GuestNameForm({ token, onClaimed }: { token: string; onClaimed: (visit: GuestVisit) => void }) {
  const { t } = useTranslation();
  const claim = useClaimInvitation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (claim.isPending) return;
    if (name.trim() === '') {
      setError(t('visit.guest.nameMissing'));
      return;
    }
    setError(undefined);
    claim.mutate({ token, name: name.trim() }, { onSuccess: onClaimed });
  };
  return (
    <>
      <p>{t('visit.guest.intro')}</p>
      <NotRecorded />
      <form className="form" onSubmit={submit} noValidate>
        {claim.isError ? (
          <ErrorMessage>
            <p>{messageForError(t, claim.error)}</p>
          </ErrorMessage>
        ) : null}
        <TextField
          formId="vi-guest"
          name="name"
          label={t('visit.guest.name')}
          hint={t('visit.guest.nameHint')}
          autoComplete="name"
          maxLength={80}
          value={name}
          error={error}
          onChange={(event) => setName(event.target.value)}
        />
        <SubmitButton pending={claim.isPending}>{t('visit.guest.join')}</SubmitButton>
      </form>
      <DeviceCheckLink />
    </>
  );
}
