import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantBody, PortalArea, ProxyGrant, Relationship } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useStepUp } from '../mfa';
import { useGrant } from './api';
import { AREAS, RELATIONSHIPS, todayIso } from './labels';

const FORM = 'share';
const FIELDS = ['email', 'relationship', 'access', 'areas', 'endsOn'] as const;
type Field = (typeof FIELDS)[number];
type Access = GrantBody['access'];

interface Values {
  email: string;
  relationship: Relationship | '';
  access: Access;
  areas: PortalArea[];
  endsOn: string;
}

const INITIAL: Values = { email: '', relationship: '', access: 'limited', areas: [], endsOn: '' };

function isRelationship(value: string): value is Relationship {
  return (RELATIONSHIPS as readonly string[]).includes(value);
}

/**
 * Share my record with another Portico account: by their email, everything or chosen parts,
 * until a date or until withdrawn. Every problem is shown beside its field and in the summary.
 */
export function ShareForm({ onShared }: { onShared: (grant: ProxyGrant) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(INITIAL);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const grant = useGrant();
  // Sharing a record asks an account with a second factor to confirm it is them; then it goes on.
  const { guard, dialog } = useStepUp();
  const today = todayIso();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggleArea = (area: PortalArea, on: boolean) =>
    set(
      'areas',
      on ? AREAS.filter((a) => a === area || values.areas.includes(a)) : values.areas.filter((a) => a !== area),
    );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (grant.isPending) return;
    const problems: FieldErrors<Field> = {};
    const email = values.email.trim();
    if (!email) problems.email = t('sharing.share.emailRequired');
    if (!values.relationship) problems.relationship = t('sharing.share.relationshipRequired');
    if (values.access === 'limited' && values.areas.length === 0) problems.areas = t('sharing.share.areasRequired');
    if (values.endsOn && values.endsOn < today) problems.endsOn = t('sharing.share.endsOnPast');
    if (Object.keys(problems).length > 0 || !values.relationship) {
      fail(problems);
      return;
    }
    clear();
    const body: GrantBody = {
      email,
      relationship: values.relationship,
      access: values.access,
      ...(values.access === 'limited' ? { areas: values.areas } : {}),
      ...(values.endsOn ? { endsOn: values.endsOn } : {}),
    };
    send(body);
  };
  const send = (body: GrantBody) =>
    grant.mutate(body, {
      onSuccess: (created) => {
        setValues(INITIAL);
        onShared(created);
      },
      onError: (error) => {
        if (guard(error, () => send(body))) return;
        // Someone who already has access: say so at the email, not as a clash of edits.
        if (isApiError(error) && error.code === 'conflict') fail({ email: t('sharing.share.alreadyShared') });
        else failWith(error);
      },
    });

  const accessError = errors.fields.access;
  const areasError = errors.fields.areas;
  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form sh-form" onSubmit={onSubmit} noValidate aria-labelledby="share-title">
        <TextField
          formId={FORM}
          name="email"
          type="email"
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          label={t('sharing.share.email')}
          hint={t('sharing.share.intro')}
          value={values.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.fields.email}
        />
        <SelectField
          formId={FORM}
          name="relationship"
          label={t('sharing.share.relationship')}
          hint={t('sharing.share.relationshipHint')}
          value={values.relationship}
          onChange={(e) => set('relationship', isRelationship(e.target.value) ? e.target.value : '')}
          error={errors.fields.relationship}
        >
          <option value="">{t('common.choose')}</option>
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {t(`sharing.relationships.${r}`)}
            </option>
          ))}
        </SelectField>
        <fieldset
          className={accessError ? 'sh-fieldset field--error' : 'sh-fieldset'}
          aria-describedby={accessError ? `${fieldId(FORM, 'access')}-error` : undefined}
        >
          <legend className="field__label">{t('sharing.share.access')}</legend>
          {accessError ? (
            <p className="field__error" id={`${fieldId(FORM, 'access')}-error`}>
              <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
              {accessError}
            </p>
          ) : null}
          {(['limited', 'full'] as const).map((access, i) => {
            const id = i === 0 ? fieldId(FORM, 'access') : `${fieldId(FORM, 'access')}-${access}`;
            return (
              <div className="sh-choice" key={access}>
                <input
                  type="radio"
                  id={id}
                  name="access"
                  value={access}
                  checked={values.access === access}
                  onChange={() => set('access', access)}
                />
                <label htmlFor={id}>{t(`sharing.share.${access}`)}</label>
              </div>
            );
          })}
          {values.access === 'limited' ? (
            <fieldset
              className={areasError ? 'sh-fieldset sh-areas field--error' : 'sh-fieldset sh-areas'}
              aria-describedby={[`${fieldId(FORM, 'areas')}-hint`, areasError ? `${fieldId(FORM, 'areas')}-error` : '']
                .filter(Boolean)
                .join(' ')}
            >
              <legend className="field__label">{t('sharing.share.areasLegend')}</legend>
              <p className="field__hint" id={`${fieldId(FORM, 'areas')}-hint`}>
                {t('sharing.share.areasHint')}
              </p>
              {areasError ? (
                <p className="field__error" id={`${fieldId(FORM, 'areas')}-error`}>
                  <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
                  {areasError}
                </p>
              ) : null}
              {AREAS.map((area, i) => {
                const id = i === 0 ? fieldId(FORM, 'areas') : `${fieldId(FORM, 'areas')}-${area}`;
                return (
                  <div className="sh-choice" key={area}>
                    <input
                      type="checkbox"
                      id={id}
                      name="areas"
                      value={area}
                      checked={values.areas.includes(area)}
                      aria-invalid={areasError ? true : undefined}
                      onChange={(e) => toggleArea(area, e.target.checked)}
                    />
                    <label htmlFor={id}>{t(`sharing.areas.${area}`)}</label>
                  </div>
                );
              })}
            </fieldset>
          ) : null}
        </fieldset>
        <TextField
          formId={FORM}
          name="endsOn"
          type="date"
          width="medium"
          min={today}
          label={t('sharing.share.endsOn')}
          hint={t('sharing.share.endsOnHint')}
          value={values.endsOn}
          onChange={(e) => set('endsOn', e.target.value)}
          error={errors.fields.endsOn}
        />
        <SubmitButton pending={grant.isPending}>{t('sharing.share.submit')}</SubmitButton>
      </form>
      {dialog}
    </>
  );
}
