import type { Estimate, InternationalRequest } from '@portico/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { IdempotencyKeys } from '../appointments/idempotency';
import { money } from '../billing/format';
import { useIntlAction, useIntlProfile, useMyEstimates, useMyRequests } from './api';
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

function ProfileForm(props: { country: string; language: string; confirmed: boolean }) {
  const { t } = useTranslation();
  const { confirm } = useIntlAction();
  const [country, setCountry] = useState(props.country);
  const [language, setLanguage] = useState(props.language);
  const formId = 'intl-profile';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ country: country.trim().toUpperCase(), preferredLanguage: language.trim() });
  };
  return (
    <form id={formId} className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('international.profileTitle')}</h2>
      {props.confirmed ? <Notice tone="success">{t('international.confirmed')}</Notice> : null}
      {confirm.isError ? <ErrorMessage>{messageForError(t, confirm.error)}</ErrorMessage> : null}
      <TextField
        formId={formId}
        name="country"
        label={t('international.country')}
        width="short"
        maxLength={2}
        value={country}
        onChange={(e) => setCountry(e.target.value)}
      />
      <TextField
        formId={formId}
        name="language"
        label={t('international.language')}
        width="medium"
        maxLength={40}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
      />
      <SubmitButton pending={confirm.isPending}>{t('international.confirm')}</SubmitButton>
    </form>
  );
}

export function RequestItem({ request: r, staff = false }: { request: InternationalRequest; staff?: boolean }) {
  const { t, i18n } = useTranslation();
  const { reply, status } = useIntlAction();
  const [body, setBody] = useState('');
  const [share, setShare] = useState(false);
  const open = r.status === 'open' || r.status === 'in_progress';
  const formId = `intl-reply-${r.id}`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate({ id: r.id, body, sharedWithDoctor: share }, { onSuccess: () => setBody('') });
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
          {reply.isError ? <ErrorMessage>{messageForError(t, reply.error)}</ErrorMessage> : null}
          <TextAreaField
            formId={formId}
            name="body"
            label={t('international.reply')}
            value={body}
            maxLength={10000}
            onChange={(e) => setBody(e.target.value)}
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
    </li>
  );
}

function EstimateCard({ estimate: e }: { estimate: Estimate }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { answer, pay } = useIntlAction();
  const [question, setQuestion] = useState('');
  const [card, setCard] = useState({ number: '', expiry: '', cvc: '', name: '' });
  const keys = useRef(new IdempotencyKeys());
  const d = e.deposit;
  const formId = `intl-estimate-${e.id}`;
  const onPay = (ev: FormEvent) => {
    ev.preventDefault();
    if (!d || pay.isPending) return;
    const body = { amountCents: d.payableCents, card };
    pay.mutate({ id: e.id, body, key: keys.current.for(body) });
  };
  return (
    <section className="card" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>
        {e.title} — {t(`international.estimateStatus.${e.status}`)}
      </h3>
      <table>
        <tbody>
          {e.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.description}</td>
              <td>
                {l.quantity} × {money(l.unitCents, locale)}
              </td>
              <td>{money(l.lineCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>{t('international.total', { amount: money(e.totalCents, locale) })}</strong>
      </p>
      {e.referenceAmount && e.referenceCurrency ? (
        <p className="hint">
          {t('international.about', {
            amount: Number(e.referenceAmount).toLocaleString(locale, { minimumFractionDigits: 2 }),
            currency: e.referenceCurrency,
            rate: e.exchangeRate,
          })}
        </p>
      ) : null}
      {answer.isError ? <ErrorMessage>{messageForError(t, answer.error)}</ErrorMessage> : null}
      {e.status === 'offered' || e.status === 'question' ? (
        <div>
          <button type="button" className="button" onClick={() => answer.mutate({ id: e.id, answer: 'accept' })}>
            {t('international.accept')}
          </button>
          <TextAreaField
            formId={formId}
            name="question"
            label={t('international.question')}
            value={question}
            maxLength={2000}
            onChange={(ev) => setQuestion(ev.target.value)}
          />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => answer.mutate({ id: e.id, answer: 'question', question })}
          >
            {t('international.ask')}
          </button>
        </div>
      ) : null}
      {d ? (
        <>
          <p>
            {t('international.depositRequested', {
              amount: money(d.requestedCents, locale),
              paid: money(d.paidCents, locale),
              due: money(d.payableCents, locale),
            })}
          </p>
          <p className="hint">{t('international.depositHeld')}</p>
          {pay.isSuccess ? (
            <Notice tone="success">{t('international.paid', { amount: money(pay.data.amountCents, locale) })}</Notice>
          ) : null}
          {pay.isError ? <ErrorMessage>{messageForError(t, pay.error)}</ErrorMessage> : null}
          {d.payableCents > 0 ? (
            <form id={`${formId}-pay`} noValidate onSubmit={onPay}>
              <TextField
                formId={`${formId}-pay`}
                name="number"
                label={t('international.cardNumber')}
                inputMode="numeric"
                autoComplete="cc-number"
                value={card.number}
                onChange={(ev) => setCard({ ...card, number: ev.target.value })}
              />
              <TextField
                formId={`${formId}-pay`}
                name="expiry"
                label={t('international.cardExpiry')}
                width="short"
                autoComplete="cc-exp"
                value={card.expiry}
                onChange={(ev) => setCard({ ...card, expiry: ev.target.value })}
              />
              <TextField
                formId={`${formId}-pay`}
                name="cvc"
                label={t('international.cardCvc')}
                width="short"
                autoComplete="cc-csc"
                value={card.cvc}
                onChange={(ev) => setCard({ ...card, cvc: ev.target.value })}
              />
              <TextField
                formId={`${formId}-pay`}
                name="name"
                label={t('international.cardName')}
                autoComplete="cc-name"
                value={card.name}
                onChange={(ev) => setCard({ ...card, name: ev.target.value })}
              />
              <SubmitButton pending={pay.isPending}>
                {t('international.payDeposit')} {money(d.payableCents, locale)}
              </SubmitButton>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
