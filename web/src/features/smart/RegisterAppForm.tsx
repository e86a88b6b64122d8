import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmartAppCreated, SmartAppKind, SmartAuthMethod } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useRegisterApp } from './api';

const FORM = 'smart-app';
const FIELDS = ['name', 'kind', 'authMethod', 'redirectUris', 'jwksUri', 'scopes'] as const;
const KINDS: SmartAppKind[] = ['public', 'confidential', 'backend'];
const DEFAULT_SCOPES: Record<SmartAppKind, string> = {
  public: 'openid fhirUser launch/patient offline_access patient/*.rs',
  confidential: 'openid fhirUser launch/patient offline_access patient/*.rs',
  backend: 'system/*.rs',
};

/** Registering an app; the server checks everything and answers field by field. */
export function RegisterAppForm({ onCreated }: { onCreated: (created: SmartAppCreated) => void }) {
  const { t } = useTranslation();
  const register = useRegisterApp();
  const { errors, failWith, clear } = useFormErrors(FIELDS);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SmartAppKind>('public');
  const [authMethod, setAuthMethod] = useState<SmartAuthMethod>('private_key_jwt');
  const [redirectUris, setRedirectUris] = useState('');
  const [jwksUri, setJwksUri] = useState('');
  const [scopes, setScopes] = useState(DEFAULT_SCOPES.public);
  const method: SmartAuthMethod = kind === 'public' ? 'none' : kind === 'backend' ? 'private_key_jwt' : authMethod;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (register.isPending) return;
    clear();
    register.mutate(
      {
        name: name.trim(),
        kind,
        authMethod: method,
        redirectUris: kind === 'backend' ? [] : redirectUris.split(/\s+/).filter(Boolean),
        ...(method === 'private_key_jwt' && jwksUri.trim() ? { jwksUri: jwksUri.trim() } : {}),
        scopes: [...new Set(scopes.split(/\s+/).filter(Boolean))],
      },
      {
        onSuccess: (created) => {
          onCreated(created);
          setName('');
          setRedirectUris('');
          setJwksUri('');
        },
        onError: failWith,
      },
    );
  };

  return (
    <form className="sh-form" onSubmit={onSubmit} noValidate>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <TextField
        formId={FORM}
        name="name"
        label={t('smart.admin.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fields.name}
      />
      <fieldset className="sh-fieldset">
        <legend className="field__label">{t('smart.admin.kind')}</legend>
        {KINDS.map((k) => (
          <div className="sh-choice" key={k}>
            <input
              type="radio"
              id={`${FORM}-kind-${k}`}
              name="kind"
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setScopes(DEFAULT_SCOPES[k]);
              }}
            />
            <label htmlFor={`${FORM}-kind-${k}`}>{t(`smart.admin.kinds.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      {kind === 'confidential' ? (
        <fieldset className="sh-fieldset">
          <legend className="field__label">{t('smart.admin.authMethod')}</legend>
          {(['private_key_jwt', 'client_secret_basic'] as const).map((m) => (
            <div className="sh-choice" key={m}>
              <input
                type="radio"
                id={`${FORM}-auth-${m}`}
                name="authMethod"
                checked={authMethod === m}
                onChange={() => setAuthMethod(m)}
              />
              <label htmlFor={`${FORM}-auth-${m}`}>{t(`smart.admin.authMethods.${m}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {kind !== 'backend' ? (
        <TextAreaField
          formId={FORM}
          name="redirectUris"
          label={t('smart.admin.redirectUris')}
          value={redirectUris}
          onChange={(e) => setRedirectUris(e.target.value)}
          error={errors.fields.redirectUris}
          spellCheck={false}
        />
      ) : null}
      {method === 'private_key_jwt' ? (
        <TextField
          formId={FORM}
          name="jwksUri"
          type="url"
          label={t('smart.admin.jwksUri')}
          value={jwksUri}
          onChange={(e) => setJwksUri(e.target.value)}
          error={errors.fields.jwksUri}
          spellCheck={false}
        />
      ) : null}
      <TextAreaField
        formId={FORM}
        name="scopes"
        label={t('smart.admin.scopes')}
        value={scopes}
        onChange={(e) => setScopes(e.target.value)}
        error={errors.fields.scopes}
        spellCheck={false}
      />
      <SubmitButton pending={register.isPending}>{t('smart.admin.submit')}</SubmitButton>
    </form>
  );
}
