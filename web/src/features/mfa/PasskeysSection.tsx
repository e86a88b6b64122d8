import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Passkey, PasskeyList } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useApi } from '../../app/session/context';
import { formatDateTime, formatDayOf } from '../../app/ui/format';
import { Notice } from '../../app/ui/Notice';
import { mfaError } from './codes';
import { createPasskey, isBrowserRefusal, passkeysSupported } from './passkeys';

const LIST_KEY = ['mfa', 'passkeys'] as const;

interface Props {
  onStepUp: (error: unknown, again: () => void) => boolean;
  onCodes: (codes: string[]) => void;
  onChanged: () => Promise<void>;
}

/** Sign-in security › Passkeys: add one on this device, name it, rename or remove it. */
export function PasskeysSection({ onStepUp, onCodes, onChanged }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [said, setSaid] = useState('');
  const list = useQuery({ queryKey: LIST_KEY, queryFn: () => api.get<PasskeyList>('/api/auth/passkeys') });
  const changed = async (text: string) => {
    setSaid(text);
    await queryClient.invalidateQueries({ queryKey: LIST_KEY });
    await onChanged();
  };
  const add = useMutation({
    mutationFn: (label: string) => createPasskey(api, label),
    onSuccess: async (result) => {
      setName('');
      if (result.recoveryCodes.length > 0) onCodes(result.recoveryCodes);
      await changed(t('mfa.passkeys.added', { name: result.passkey.name }));
    },
    onError: (error, label) => onStepUp(error, () => add.mutate(label)),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!add.isPending) add.mutate(name.trim() || t('mfa.passkeys.defaultName'));
  };
  const addError =
    add.error && !(isApiError(add.error) && add.error.code === 'step_up_required')
      ? isBrowserRefusal(add.error)
        ? t('mfa.passkeys.notSaved')
        : mfaError(t, add.error)
      : undefined;

  return (
    <section className="section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('mfa.passkeys.title')}</h2>
      <p>{t('mfa.passkeys.intro')}</p>
      <div role="status">{said ? <p className="notice notice--success">{said}</p> : null}</div>
      {list.data && list.data.passkeys.length > 0 ? (
        <ul className="link-list" aria-labelledby="passkeys-title">
          {list.data.passkeys.map((p) => (
            <PasskeyItem key={p.id} passkey={p} onStepUp={onStepUp} onChanged={changed} />
          ))}
        </ul>
      ) : list.data ? (
        <p>{t('mfa.passkeys.none')}</p>
      ) : null}
      {passkeysSupported() ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            formId="passkey-add"
            name="name"
            label={t('mfa.passkeys.nameLabel')}
            hint={t('mfa.passkeys.nameHint')}
            maxLength={80}
            width="medium"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={addError}
          />
          <SubmitButton pending={add.isPending}>{t('mfa.passkeys.add')}</SubmitButton>
        </form>
      ) : (
        <Notice tone="warning">{t('mfa.passkeys.unsupported')}</Notice>
      )}
    </section>
  );
}

function PasskeyItem({
  passkey,
  onStepUp,
  onChanged,
}: {
  passkey: Passkey;
  onStepUp: Props['onStepUp'];
  onChanged: (text: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const rename = useMutation({
    mutationFn: (next: string) => api.patch<Passkey>(`/api/auth/passkeys/${passkey.id}`, { name: next }),
    onSuccess: async (result) => {
      setEditing(false);
      await onChanged(t('mfa.passkeys.renamed', { name: result.name }));
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete<void>(`/api/auth/passkeys/${passkey.id}`),
    onSuccess: () => onChanged(t('mfa.passkeys.removed', { name: passkey.name })),
    onError: (error) => onStepUp(error, () => remove.mutate()),
  });
  const formId = `passkey-${passkey.id}`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!rename.isPending && name.trim() !== '') rename.mutate(name.trim());
  };
  const failure = [rename.error, remove.error].find((e) => e && !(isApiError(e) && e.code === 'step_up_required'));

  return (
    <li className="passkey">
      {editing ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            formId={formId}
            name="name"
            label={t('mfa.passkeys.nameLabel')}
            maxLength={80}
            width="medium"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoFocus
          />
          <div className="button-row">
            <SubmitButton pending={rename.isPending}>{t('mfa.passkeys.save')}</SubmitButton>
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
              {t('mfa.stepUp.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>
            <strong>{passkey.name}</strong>
            <br />
            {t('mfa.passkeys.addedOn', { when: formatDayOf(passkey.createdAt, i18n.language) })}
            {' · '}
            {passkey.lastUsedAt
              ? t('mfa.passkeys.lastUsed', { when: formatDateTime(passkey.lastUsedAt, i18n.language) })
              : t('mfa.passkeys.neverUsed')}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('mfa.passkeys.renameNamed', { name: passkey.name })}
              onClick={() => setEditing(true)}
            >
              {t('mfa.passkeys.rename')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('mfa.passkeys.removeNamed', { name: passkey.name })}
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
            >
              {t('mfa.passkeys.remove')}
            </button>
          </div>
        </>
      )}
      {failure ? <Notice tone="warning">{mfaError(t, failure)}</Notice> : null}
    </li>
  );
}
