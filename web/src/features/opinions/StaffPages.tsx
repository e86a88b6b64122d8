import type { OpinionStatus } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSessionSnapshot } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useOpinion, useOpinionAction, useOpinionOptions, useOpinionQueue, useSpecialists } from './api';
import { AppointmentPicker } from './AppointmentPicker';
import { Checklist, Documents, OpinionText, Timeline } from './parts';
import './opinions.css';
import { Uploader } from './Uploader';
import { formatList } from '../../app/ui/format';
import { formattingLocale } from '../../app/i18n';

const STATUSES: OpinionStatus[] = [
  'submitted',
  'records_pending',
  'under_review',
  'scheduled',
  'opinion_delivered',
  'closed',
];

export function OpinionQueuePage() {
  const { t } = useTranslation();
  const [department, setDepartment] = useState('');
  const [status, setStatus] = useState('');
  const options = useOpinionOptions();
  const queue = useOpinionQueue({
    ...(department ? { department } : {}),
    ...(status ? { status: status as OpinionStatus } : {}),
  });
  return (
    <>
      <PageTitle>{t('opinions.queue.title')}</PageTitle>
      <div className="field">
        <label className="field__label" htmlFor="queue-department">
          {t('opinions.form.department')}
        </label>
        <select
          id="queue-department"
          className="input"
          value={department}
          onChange={(e) => setDepartment(e.target.value)}
        >
          <option value="">{t('opinions.queue.all')}</option>
          {options.data?.departments.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="queue-status">
          {t('opinions.detail.status')}
        </label>
        <select id="queue-status" className="input" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('opinions.queue.open')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`opinions.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {queue.isPending ? <Loading /> : null}
      {queue.data?.requests.length === 0 ? <p>{t('opinions.queue.empty')}</p> : null}
      <table className="table">
        <caption className="visually-hidden">{t('opinions.queue.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('opinions.queue.patient')}</th>
            <th scope="col">{t('opinions.form.department')}</th>
            <th scope="col">{t('opinions.detail.status')}</th>
            <th scope="col">{t('opinions.queue.specialist')}</th>
          </tr>
        </thead>
        <tbody>
          {queue.data?.requests.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/second-opinions/queue/${r.id}`}>{r.patientName}</Link>
              </td>
              <td>{r.departmentName}</td>
              <td>{t(`opinions.status.${r.status}`)}</td>
              <td>{r.specialistName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ActionForm(props: {
  id: string;
  title: string;
  label: string;
  button: string;
  multiline?: boolean;
  onSubmit: (text: string) => void;
  pending: boolean;
}) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) props.onSubmit(text.trim());
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div className="field">
        <label className="field__label" htmlFor={props.id}>
          {props.label}
        </label>
        {props.multiline ? (
          <textarea id={props.id} className="input" rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        ) : (
          <input id={props.id} className="input" value={text} onChange={(e) => setText(e.target.value)} />
        )}
      </div>
      <button type="submit" className="button" disabled={props.pending}>
        {props.button}
      </button>
    </form>
  );
}

export function OpinionReviewPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const request = useOpinion(id);
  const specialists = useSpecialists(id);
  const action = useOpinionAction(id);
  const csrf = useSessionSnapshot().session?.csrfToken;
  const [specialist, setSpecialist] = useState('');
  if (request.isPending) return <Loading />;
  if (!request.data) return <p role="alert">{t('opinions.notFound')}</p>;
  const r = request.data;
  const run = (path: string, body: unknown) => action.mutate({ path, body });
  const open = r.status !== 'opinion_delivered' && r.status !== 'closed';
  return (
    <>
      <PageTitle>{t('opinions.review.title', { name: r.patientName })}</PageTitle>
      <p>
        {t('opinions.detail.status')}: <strong>{t(`opinions.status.${r.status}`)}</strong>
      </p>
      <p role="alert">{action.error ? action.error.message : ''}</p>
      <dl className="card opinion-facts">
        <dt>{t('opinions.form.department')}</dt>
        <dd>{r.departmentName}</dd>
        <dt>{t('opinions.form.condition')}</dt>
        <dd>{r.condition}</dd>
        <dt>{t('opinions.form.question')}</dt>
        <dd className="opinion-text">{r.question}</dd>
        <dt>{t('opinions.form.physician')}</dt>
        <dd>
          {formatList(
            [r.physicianName, r.physicianInstitution, r.physicianPhone, r.physicianEmail].filter((v) => v !== ''),
            formattingLocale(i18n.language),
            'unit',
          ) || '—'}
        </dd>
        <dt>{t('opinions.form.insurance')}</dt>
        <dd>
          {r.insurance || '—'}{' '}
          {r.precertNeeded
            ? t(r.precertObtained ? 'opinions.review.precertObtained' : 'opinions.review.precertNeeded', {
                ref: r.precertReference,
              })
            : ''}
        </dd>
        <dt>{t('opinions.form.visitPreference')}</dt>
        <dd>{t(`opinions.visit.${r.visitPreference}`)}</dd>
      </dl>
      <OpinionText request={r} />
      <Checklist request={r} />
      <Documents request={r} base={`/api/second-opinions/${id}`} />
      {open ? (
        <>
          <section className="card" aria-labelledby="assign-title">
            <h2 id="assign-title">{t('opinions.review.assignTitle')}</h2>
            <div className="field">
              <label className="field__label" htmlFor="assign-specialist">
                {t('opinions.review.specialist')}
              </label>
              <select
                id="assign-specialist"
                className="input"
                value={specialist}
                onChange={(e) => setSpecialist(e.target.value)}
              >
                <option value="">{t('opinions.form.choose')}</option>
                {specialists.data?.specialists.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.specialty})
                  </option>
                ))}
              </select>
            </div>
            <div className="opinion-actions">
              <button
                type="button"
                className="button"
                disabled={!specialist || action.isPending}
                onClick={() => run('assign', { clinicianId: specialist })}
              >
                {t('opinions.review.assign')}
              </button>
              {r.status === 'submitted' || r.status === 'records_pending' ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => run('status', { status: 'under_review' })}
                >
                  {t('opinions.review.startReview')}
                </button>
              ) : null}
            </div>
          </section>
          <ActionForm
            id="request-info"
            title={t('opinions.review.requestInfoTitle')}
            label={t('opinions.review.requestInfoLabel')}
            button={t('opinions.review.requestInfo')}
            pending={action.isPending}
            onSubmit={(text) =>
              run('request-info', {
                items: text
                  .split(';')
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
          <AppointmentPicker
            request={r}
            pending={action.isPending}
            onLink={(appointmentId) => run('schedule', { appointmentId })}
          />
          <ActionForm
            id="deliver"
            title={t('opinions.review.deliverTitle')}
            label={t('opinions.review.opinionText')}
            button={t('opinions.review.deliver')}
            multiline
            pending={action.isPending}
            onSubmit={(text) => run('opinion', { text })}
          />
          <Uploader requestId={id} auth={{ csrf }} onDone={() => void request.refetch()} />
        </>
      ) : null}
      {r.status !== 'closed' ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => run('status', { status: 'closed' })}
          >
            {t('opinions.review.close')}
          </button>
        </p>
      ) : null}
      <Timeline request={r} />
    </>
  );
}
