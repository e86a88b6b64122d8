import type { InternationalRequest } from '@portico/contracts';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { languageName } from '../../app/ui/format';
import { PATIENT_LANGUAGES } from '../staff';
import { countryOptions } from '../visit';
import { useIntlAction, useIntlProfile, useMyEstimates, useMyRequests } from './api';
import { EstimateCard } from './EstimateCard';
import { RequestForm } from './RequestForm';

/** The patient's international center page: profile, coordinator, requests and estimates. */
export function InternationalPage() {
  const { t } = useTranslation();
  const profile = useIntlProfile();
  const requests = useMyRequests();
  const estimates = useMyEstimates();
  const p = profile.data;
  return (
    <div className="narrow-wide">
      <PageTitle>{t('international.title')}</PageTitle>
      <p>{t('international.intro')}</p>
      {profile.isLoading ? <Loading /> : null}
      {p ? (
        <>
          {!p.international ? <p>{t('international.notInternational')}</p> : null}
          <ProfileForm country={p.country} language={p.preferredLanguage} confirmed={p.confirmed} />
          <section className="card" aria-labelledby="intl-coordinator">
            <h2 id="intl-coordinator">{t('international.coordinatorTitle')}</h2>
            <p>
              {p.coordinator
                ? t('international.coordinator', { ...p.coordinator, phone: p.centerPhone })
                : t('international.noCoordinator', { phone: p.centerPhone })}
            </p>
          </section>
          {p.confirmed ? <RequestForm /> : null}
        </>
      ) : null}
      <section aria-labelledby="intl-requests">
        <h2 id="intl-requests">{t('international.requestsTitle')}</h2>
        {requests.data?.length === 0 ? <p>{t('international.noRequests')}</p> : null}
        <ul className="plain-list">
          {requests.data?.map((r) => (
            <RequestItem key={r.id} request={r} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="intl-estimates">
        <h2 id="intl-estimates">{t('international.estimatesTitle')}</h2>
        {estimates.data?.length === 0 ? <p>{t('international.noEstimates')}</p> : null}
        {estimates.data?.map((e) => (
          <EstimateCard key={e.id} estimate={e} />
        ))}
      </section>
    </div>
  );
}

const PROFILE_FIELDS = ['country', 'preferredLanguage'] as const;

function ProfileForm(props: { country: string; language: string; confirmed: boolean }) {
  const { t, i18n } = useTranslation();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  // The patient's own language stays a choice even when it is not one the portal lists.
  const languages = (PATIENT_LANGUAGES as readonly string[]).includes(props.language)
    ? [...PATIENT_LANGUAGES]
    : [props.language, ...PATIENT_LANGUAGES];
  const { confirm } = useIntlAction();
  const [country, setCountry] = useState(props.country);
  const [language, setLanguage] = useState(props.language);
  const { errors, fail, failWith, clear } = useFormErrors(PROFILE_FIELDS);
  const formId = 'intl-profile';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (confirm.isPending) return;
    clear();
    const body = { country: country.trim().toUpperCase(), preferredLanguage: language.trim() };
    const problems: { country?: string; preferredLanguage?: string } = {};
    if (body.preferredLanguage.length < 2) problems.preferredLanguage = t('international.languageRequired');
    if (Object.keys(problems).length > 0) return fail(problems);
    confirm.mutate(body, { onError: failWith });
  };
  return (
    <form id={formId} className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('international.profileTitle')}</h2>
      {props.confirmed ? <Notice tone="success">{t('international.confirmed')}</Notice> : null}
      <ErrorSummary formId={formId} errors={errors} order={PROFILE_FIELDS} />
      <SelectField
        formId={formId}
        name="country"
        label={t('international.countryName')}
        autoComplete="country"
        value={country}
        onChange={(e) => setCountry(e.target.value)}
        error={errors.fields.country}
      >
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        formId={formId}
        name="preferredLanguage"
        label={t('international.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        error={errors.fields.preferredLanguage}
      >
        {languages.map((code) => (
          <option key={code} value={code}>
            {languageName(code, i18n.language)}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={confirm.isPending}>{t('international.confirm')}</SubmitButton>
    </form>
  );
}

const REPLY_FIELDS = ['body'] as const;

export function RequestItem(props: { request: InternationalRequest; staff?: boolean; children?: ReactNode }) {
  const { request: r, staff = false, children } = props;
  const { t, i18n } = useTranslation();
  const { reply, status } = useIntlAction();
  const { errors, fail, failWith, clear } = useFormErrors(REPLY_FIELDS);
  const [body, setBody] = useState('');
  const [share, setShare] = useState(false);
  const open = r.status === 'open' || r.status === 'in_progress';
  const formId = `intl-reply-${r.id}`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (reply.isPending) return;
    clear();
    if (!body.trim()) return fail({ body: t('international.replyRequired') });
    reply.mutate({ id: r.id, body, sharedWithDoctor: share }, { onSuccess: () => setBody(''), onError: failWith });
  };
  return (
    <li className="card">
      <h3>
        {t(`international.kinds.${r.kind}`)} — {t(`international.statuses.${r.status}`)}
        {staff ? ` — ${r.patientName}` : ''}
      </h3>
      <p>{r.summary}</p>
      {Object.entries(r.details).map(([k, v]) => (
        <p key={k} className="hint">
          {String(v)}
        </p>
      ))}
      {r.appointmentStart ? (
        <p className="hint">
          {t('international.appointmentLink', { date: new Date(r.appointmentStart).toLocaleString(i18n.language) })}
          {staff && r.kind === 'interpreter' ? ` — ${t('international.interpreterHint')}` : ''}
        </p>
      ) : null}
      <ul className="plain-list">
        {r.replies.map((m) => (
          <li key={m.id}>
            <strong>{t(`international.from.${m.author}`)}:</strong> {m.body}
            {m.attachment ? (
              <a href={`/api/international/requests/${r.id}/files/${m.id}`}> {m.attachment.filename}</a>
            ) : null}
          </li>
        ))}
      </ul>
      {open ? (
        <form id={formId} noValidate onSubmit={onSubmit}>
          <ErrorSummary formId={formId} errors={errors} order={REPLY_FIELDS} />
          <TextAreaField
            formId={formId}
            name="body"
            label={t('international.reply')}
            value={body}
            maxLength={10000}
            onChange={(e) => setBody(e.target.value)}
            error={errors.fields.body}
          />
          {staff ? (
            <div className="choice">
              <input
                id={`${formId}-share`}
                type="checkbox"
                checked={share}
                onChange={(e) => setShare(e.target.checked)}
              />
              <label htmlFor={`${formId}-share`}>{t('international.shareWithDoctor')}</label>
            </div>
          ) : null}
          <SubmitButton pending={reply.isPending}>{t('international.sendReply')}</SubmitButton>
          {!staff ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => status.mutate({ id: r.id, status: 'cancelled' })}
            >
              {t('international.cancel')}
            </button>
          ) : null}
        </form>
      ) : null}
      {status.isError ? <ErrorMessage>{messageForError(t, status.error)}</ErrorMessage> : null}
      {children}
    </li>
  );
}
