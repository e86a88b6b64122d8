import type { BillingSummary, Payment } from '@portico/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { Loading } from '../../app/ui/Loading';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { newIdempotencyKey } from '../appointments';
import { LoadProblem } from '../sharing';
import { useBilling, useConfirmPayment, usePayByCard } from './api';
import { BankReturn } from './BankReturn';
import { money, parseDollars } from './format';
import './billing.css';

const FORM = 'pay';
const FIELDS = ['amountCents', 'number', 'expiry', 'cvc', 'name', 'postalCode'] as const;
type Field = (typeof FIELDS)[number];

/** Pay all or part of the balance by card; a bank's confirmation step is handled in place. */
export function PayPage() {
  const { t } = useTranslation();
  const billing = useBilling();
  // Back from the bank's own confirmation page (a real processor's 3-D Secure step).
  const returning = useSearchParams()[0].get('payment');
  return (
    <div className="narrow billing">
      <p>
        <Link to="/billing">{t('billing.pay.back')}</Link>
      </p>
      <PageTitle>{t('billing.pay.title')}</PageTitle>
      {billing.isLoading ? <Loading /> : null}
      {billing.isError ? (
        <LoadProblem lead={t('billing.loadError')} error={billing.error} retry={() => void billing.refetch()} />
      ) : null}
      {returning ? <BankReturn paymentId={returning} paid={(p) => <Paid payment={p} />} /> : null}
      {billing.data && !returning ? <PayForm bill={billing.data} /> : null}
    </div>
  );
}

function PayForm({ bill }: { bill: BillingSummary }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const owed = money(bill.balanceCents, locale);
  const { values, set } = useFormValues({
    // The field's own editable value, in the form its parser reads (not text for reading).
    // eslint-disable-next-line no-restricted-syntax
    amountCents: (bill.balanceCents / 100).toFixed(2),
    number: '',
    expiry: '',
    cvc: '',
    name: '',
    postalCode: '',
  });
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const pay = usePayByCard();
  const confirm = useConfirmPayment();
  // One key per attempt: a retry after a lost answer or a processor timeout reuses it (pays once).
  const key = useRef(newIdempotencyKey());
  const [result, setResult] = useState<Payment | null>(null);
  const [paidCents, setPaidCents] = useState(0);

  if (result?.status === 'succeeded') return <Paid payment={result} />;
  if (result?.status === 'requires_action') {
    return (
      <BankCheck
        payment={result}
        pending={confirm.isPending}
        onAnswer={(approved) =>
          confirm.mutate(
            { id: result.id, approved },
            {
              onSuccess: setResult,
              onError: (error) => {
                key.current = newIdempotencyKey();
                setResult(null);
                failWith(error);
              },
            },
          )
        }
      />
    );
  }
  if (bill.balanceCents <= 0 && paidCents === 0) return <p>{t('billing.pay.nothing')}</p>;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pay.isPending) return;
    const cents = parseDollars(values.amountCents);
    const problems: FieldErrors<Field> = {};
    if (cents === null || cents <= 0) problems.amountCents = t('billing.pay.amountInvalid');
    else if (cents > bill.balanceCents) problems.amountCents = t('billing.pay.amountTooMuch', { amount: owed });
    for (const f of ['number', 'expiry', 'cvc', 'name'] as const)
      if (values[f].trim() === '') problems[f] = t('billing.pay.required');
    if (Object.keys(problems).length > 0 || cents === null) return fail(problems);
    clear();
    pay.mutate(
      {
        idempotencyKey: key.current,
        body: {
          amountCents: cents,
          card: {
            number: values.number.trim(),
            expiry: values.expiry.trim(),
            cvc: values.cvc.trim(),
            name: values.name.trim(),
            ...(values.postalCode.trim() ? { postalCode: values.postalCode.trim() } : {}),
          },
        },
      },
      {
        onSuccess: (payment) => {
          // A real processor's bank check happens on the bank's page; it sends the patient back here.
          if (payment.status === 'requires_action' && payment.nextActionUrl) {
            window.location.assign(payment.nextActionUrl);
            return;
          }
          setPaidCents(cents);
          setResult(payment);
        },
        onError: (error) => {
          // A definite answer (declined, invalid) ends this attempt; a timeout keeps its key.
          if (!isApiError(error) || error.code !== 'payment_processor_unavailable') key.current = newIdempotencyKey();
          failWith(error);
        },
      },
    );
  };

  return (
    <form id={FORM} noValidate onSubmit={onSubmit}>
      <p className="lede">{t('billing.pay.owed', { amount: owed })}</p>
      {bill.paymentProcessor === 'test' ? <Notice>{t('billing.pay.testCards')}</Notice> : null}
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <TextField
        formId={FORM}
        name="amountCents"
        label={t('billing.pay.amount')}
        hint={t('billing.pay.amountHint', { amount: owed })}
        inputMode="decimal"
        width="short"
        value={values.amountCents}
        onChange={(e) => set('amountCents', e.target.value)}
        error={errors.fields.amountCents}
      />
      <TextField
        formId={FORM}
        name="number"
        label={t('billing.pay.cardNumber')}
        inputMode="numeric"
        autoComplete="cc-number"
        value={values.number}
        onChange={(e) => set('number', e.target.value)}
        error={errors.fields.number}
      />
      <div className="billing-card-row">
        <TextField
          formId={FORM}
          name="expiry"
          label={t('billing.pay.expiry')}
          autoComplete="cc-exp"
          width="short"
          value={values.expiry}
          onChange={(e) => set('expiry', e.target.value)}
          error={errors.fields.expiry}
        />
        <TextField
          formId={FORM}
          name="cvc"
          label={t('billing.pay.cvc')}
          hint={t('billing.pay.cvcHint')}
          inputMode="numeric"
          autoComplete="cc-csc"
          width="short"
          value={values.cvc}
          onChange={(e) => set('cvc', e.target.value)}
          error={errors.fields.cvc}
        />
      </div>
      <TextField
        formId={FORM}
        name="name"
        label={t('billing.pay.name')}
        autoComplete="cc-name"
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
        error={errors.fields.name}
      />
      <TextField
        formId={FORM}
        name="postalCode"
        label={t('billing.pay.postalCode')}
        autoComplete="postal-code"
        width="short"
        value={values.postalCode}
        onChange={(e) => set('postalCode', e.target.value)}
        error={errors.fields.postalCode}
      />
      <p className="hint">{t('billing.pay.secure')}</p>
      <SubmitButton pending={pay.isPending}>
        {pay.isPending
          ? t('billing.pay.paying')
          : t('billing.pay.submit', { amount: money(parseDollars(values.amountCents) ?? 0, locale) })}
      </SubmitButton>
    </form>
  );
}

function BankCheck(props: { payment: Payment; pending: boolean; onAnswer: (approved: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card billing-bank" aria-labelledby="bank-check">
      <h2 id="bank-check" tabIndex={-1} ref={heading}>
        {t('billing.pay.bankTitle')}
      </h2>
      <p>
        {t('billing.pay.bankBody', {
          amount: money(props.payment.amountCents, i18n.language),
          last4: props.payment.cardLast4 ?? '',
        })}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={props.pending || undefined}
          onClick={() => !props.pending && props.onAnswer(true)}
        >
          {t('billing.pay.bankConfirm')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => !props.pending && props.onAnswer(false)}
        >
          {t('billing.pay.bankCancel')}
        </button>
      </div>
    </section>
  );
}

function Paid({ payment }: { payment: Payment }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h2 tabIndex={-1} ref={heading}>
        {t('billing.pay.paidHeading')}
      </h2>
      <Notice tone="success" title={t('billing.pay.paid', { amount: money(payment.amountCents, locale) })}>
        <p>{t('billing.pay.receipt', { balance: money(payment.balanceCents, locale) })}</p>
      </Notice>
      <p>
        <Link to="/billing">{t('billing.pay.back')}</Link>
      </p>
    </>
  );
}
