import type { NewOpinionBody } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../app/forms/Field';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useSessionSnapshot } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useCreateLink, useCreateOpinion, useMyOpinions, useOpinion, useOpinionOptions, useRevokeLink } from './api';
import { Checklist, Documents, OpinionText, Timeline } from './parts';
import { Uploader } from './Uploader';
import { formatDayOf } from '../../app/ui/format';
import { formattingLocale } from '../../app/i18n';

export function OpinionListPage() {
  const { t } = useTranslation();
  const list = useMyOpinions();
  return (
    <>
      <PageTitle>{t('opinions.list.title')}</PageTitle>
      <p>
        <Link className="button" to="/second-opinions/new">
          {t('opinions.list.new')}
        </Link>
      </p>
      {list.isPending ? <Loading /> : null}
      {list.data?.requests.length === 0 ? <p>{t('opinions.list.empty')}</p> : null}
      <ul>
        {list.data?.requests.map((r) => (
          <li key={r.id}>
            <Link to={`/second-opinions/${r.id}`}>
              {r.departmentName}: {r.condition}
            </Link>{' '}
            — {t(`opinions.status.${r.status}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

const FIELDS = ['serviceLineCode', 'condition', 'question', 'physicianEmail'] as const;

type TextName =
  | 'condition'
  | 'physicianName'
  | 'physicianInstitution'
  | 'physicianPhone'
  | 'physicianEmail'
  | 'insurance'
  | 'precertReference';
type ValueName = TextName | 'serviceLineCode' | 'question' | 'visitPreference';

/** Every answer starts empty (sent as ""), but for the visit wish: records only. */
const START: Record<ValueName, string> = {
  serviceLineCode: '',
  condition: '',
  question: '',
  physicianName: '',
  physicianInstitution: '',
  physicianPhone: '',
  physicianEmail: '',
  insurance: '',
  precertReference: '',
  visitPreference: 'records_only',
};

export function NewOpinionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const options = useOpinionOptions();
  const create = useCreateOpinion();
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const [v, setV] = useState(START);
  const [flags, setFlags] = useState({ precertNeeded: false, precertObtained: false, hasImaging: true, hasLabs: true });
  const set = (name: ValueName) => (e: { target: { value: string } }) =>
    setV((p) => ({ ...p, [name]: e.target.value }));
  const formId = 'new-opinion';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    clear();
    const problems: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!v.serviceLineCode) problems.serviceLineCode = t('opinions.form.departmentRequired');
    if (!v.condition.trim()) problems.condition = t('opinions.form.conditionRequired');
    if (!v.question.trim()) problems.question = t('opinions.form.questionRequired');
    if (Object.keys(problems).length > 0) return fail(problems);
    const body: NewOpinionBody = {
      ...v,
      visitPreference: v.visitPreference as NewOpinionBody['visitPreference'],
      ...flags,
    };
    create.mutate(body, { onSuccess: (r) => void navigate(`/second-opinions/${r.id}`), onError: failWith });
  };
  const check = (name: keyof typeof flags) => (
    <div className="choice">
      <input
        type="checkbox"
        id={`${formId}-${name}`}
        checked={flags[name]}
        onChange={(e) => setFlags((f) => ({ ...f, [name]: e.target.checked }))}
      />
      <label htmlFor={`${formId}-${name}`}>{t(`opinions.form.${name}`)}</label>
    </div>
  );
  // The text fields share one block: label from the field's name, value and change from the form state.
  const text = (name: TextName, extra: { type?: 'tel' | 'email'; error?: string | undefined } = {}) => (
    <TextField
      formId={formId}
      name={name}
      label={t(`opinions.form.${name}`)}
      value={v[name]}
      onChange={set(name)}
      {...extra}
    />
  );
  return (
    <>
      <PageTitle>{t('opinions.form.title')}</PageTitle>
      <form id={formId} className="card" noValidate onSubmit={onSubmit}>
        <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
        <SelectField
          formId={formId}
          name="serviceLineCode"
          label={t('opinions.form.department')}
          error={errors.fields.serviceLineCode}
          value={v.serviceLineCode}
          onChange={set('serviceLineCode')}
        >
          <option value="">{t('opinions.form.choose')}</option>
          {options.data?.departments.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </SelectField>
        {text('condition', { error: errors.fields.condition })}
        <TextAreaField
          formId={formId}
          name="question"
          label={t('opinions.form.question')}
          rows={5}
          value={v.question}
          onChange={set('question')}
          error={errors.fields.question}
        />
        <fieldset>
          <legend>{t('opinions.form.physician')}</legend>
          {text('physicianName')}
          {text('physicianInstitution')}
          {text('physicianPhone', { type: 'tel' })}
          {text('physicianEmail', { type: 'email', error: errors.fields.physicianEmail })}
        </fieldset>
        <fieldset>
          <legend>{t('opinions.form.insuranceTitle')}</legend>
          {text('insurance')}
          {check('precertNeeded')}
          {flags.precertNeeded ? check('precertObtained') : null}
          {flags.precertNeeded ? text('precertReference') : null}
        </fieldset>
        <SelectField
          formId={formId}
          name="visitPreference"
          label={t('opinions.form.visitPreference')}
          value={v.visitPreference}
          onChange={set('visitPreference')}
        >
          {(['records_only', 'video', 'in_person'] as const).map((p) => (
            <option key={p} value={p}>
              {t(`opinions.visit.${p}`)}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{t('opinions.form.recordsTitle')}</legend>
          {check('hasImaging')}
          {check('hasLabs')}
        </fieldset>
        <button type="submit" className="button" disabled={create.isPending}>
          {t('opinions.form.submit')}
        </button>
      </form>
    </>
  );
}

export function OpinionRequestPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const request = useOpinion(id);
  const csrf = useSessionSnapshot().session?.csrfToken;
  const link = useCreateLink(id);
  const revoke = useRevokeLink(id);
  if (request.isPending) return <Loading />;
  if (!request.data) return <p role="alert">{t('opinions.notFound')}</p>;
  const r = request.data;
  const open = r.status !== 'opinion_delivered' && r.status !== 'closed';
  return (
    <>
      <PageTitle>{t('opinions.detail.title', { department: r.departmentName })}</PageTitle>
      <p>
        {t('opinions.detail.status')}: <strong>{t(`opinions.status.${r.status}`)}</strong>
      </p>
      <OpinionText request={r} />
      <Checklist request={r} />
      {open ? (
        <Uploader requestId={id} auth={{ csrf }} needs={r.checklist} onDone={() => void request.refetch()} />
      ) : null}
      <Documents request={r} base={`/api/second-opinions/${id}`} />
      {open ? (
        <section className="card" aria-labelledby="opinion-links">
          <h2 id="opinion-links">{t('opinions.links.title')}</h2>
          <p className="field__hint">{t('opinions.links.hint')}</p>
          <button type="button" className="button" onClick={() => link.mutate()} disabled={link.isPending}>
            {t('opinions.links.create')}
          </button>
          {link.data ? (
            <p role="status">
              {t('opinions.links.created')}{' '}
              <input className="input" readOnly value={link.data.url} aria-label={t('opinions.links.url')} />
            </p>
          ) : null}
          <ul>
            {r.links
              .filter((l) => !l.revoked)
              .map((l) => (
                <li key={l.id}>
                  {t('opinions.links.expires', { date: formatDayOf(l.expiresAt, formattingLocale(i18n.language)) })}{' '}
                  <button type="button" className="button button--secondary" onClick={() => revoke.mutate(l.id)}>
                    {t('opinions.links.revoke')}
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <Timeline request={r} />
    </>
  );
}
