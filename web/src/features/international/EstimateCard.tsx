import type { Estimate } from '@portico/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { Notice } from '../../app/ui/Notice';
import { IdempotencyKeys } from '../appointments';
import { money } from '../billing';
import { useIntlAction } from './api';

const ANSWER_FIELDS = ['question'] as const;
const PAY_FIELDS = ['number', 'expiry', 'cvc', 'name', 'amountCents'] as const;

/** One estimate for the patient: its lines, accept or ask, and the deposit to pay. */
export function EstimateCard({ estimate: e }: { estimate: Estimate }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { answer, pay } = useIntlAction();
  const [question, setQuestion] = useState('');
  const [card, setCard] = useState({ number: '', expiry: '', cvc: '', name: '' });
  const keys = useRef(new IdempotencyKeys());
  const asked = useFormErrors(ANSWER_FIELDS);
  const paid = useFormErrors(PAY_FIELDS);
  const d = e.deposit;
  const formId = `intl-estimate-${e.id}`;
  const onPay = (ev: FormEvent) => {
    ev.preventDefault();
    if (!d || pay.isPending) return;
    paid.clear();
    const body = { amountCents: d.payableCents, card: { ...card, number: card.number.trim(), name: card.name.trim() } };
    pay.mutate({ id: e.id, body, key: keys.current.for(body) }, { onError: paid.failWith });
  };
  const onAsk = () => {
    if (answer.isPending) return;
    asked.clear();
    if (!question.trim()) return asked.fail({ question: t('international.questionRequired') });
    answer.mutate({ id: e.id, answer: 'question', question }, { onError: asked.failWith });
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
      {e.status === 'offered' || e.status === 'question' ? (
        <div>
          <ErrorSummary formId={formId} errors={asked.errors} order={ANSWER_FIELDS} />
          <button
            type="button"
            className="button"
            onClick={() => {
              asked.clear();
              answer.mutate({ id: e.id, answer: 'accept' }, { onError: asked.failWith });
            }}
          >
            {t('international.accept')}
          </button>
          <TextAreaField
            formId={formId}
            name="question"
            label={t('international.question')}
            value={question}
            maxLength={2000}
            onChange={(ev) => setQuestion(ev.target.value)}
            error={asked.errors.fields.question}
          />
          <button type="button" className="button button--secondary" onClick={onAsk}>
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
          {d.payableCents > 0 ? (
            <form id={`${formId}-pay`} noValidate onSubmit={onPay}>
              <ErrorSummary formId={`${formId}-pay`} errors={paid.errors} order={PAY_FIELDS} />
              <TextField
                formId={`${formId}-pay`}
                name="number"
                label={t('international.cardNumber')}
                inputMode="numeric"
                autoComplete="cc-number"
                value={card.number}
                onChange={(ev) => setCard({ ...card, number: ev.target.value })}
                error={paid.errors.fields.number}
              />
              <TextField
                formId={`${formId}-pay`}
                name="expiry"
                label={t('international.cardExpiry')}
                width="short"
                autoComplete="cc-exp"
                value={card.expiry}
                onChange={(ev) => setCard({ ...card, expiry: ev.target.value })}
                error={paid.errors.fields.expiry}
              />
              <TextField
                formId={`${formId}-pay`}
                name="cvc"
                label={t('international.cardCvc')}
                width="short"
                autoComplete="cc-csc"
                value={card.cvc}
                onChange={(ev) => setCard({ ...card, cvc: ev.target.value })}
                error={paid.errors.fields.cvc}
              />
              <TextField
                formId={`${formId}-pay`}
                name="name"
                label={t('international.cardName')}
                autoComplete="cc-name"
                value={card.name}
                onChange={(ev) => setCard({ ...card, name: ev.target.value })}
                error={paid.errors.fields.name}
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
