import type { AdjustmentBody, OfficePayment, RecordPaymentBody } from '@portico/contracts';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextField } from '../../../app/forms/Field';
import { AmountField } from '../../../app/forms/InputFields';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../../app/forms/useFormErrors';
import { Notice } from '../../../app/ui/Notice';
import { IdempotencyKeys } from '../../appointments';
import { money, parseDollars } from '../format';
import { useOfficeAction } from './api';

type Action = Parameters<ReturnType<typeof useOfficeAction>['mutate']>[0]['action'];

/** Shared plumbing: one key per distinct entry (a retried click posts once), errors by field. */
function useOfficeForm<F extends string>(patientId: string, fields: readonly F[]) {
  const action = useOfficeAction(patientId);
  const keys = useRef(new IdempotencyKeys());
  const { errors, fail, failWith, clear } = useFormErrors(fields);
  const submit = (a: Action, onDone: () => void) => {
    if (action.isPending) return;
    clear();
    action.mutate(
      { action: a, idempotencyKey: keys.current.for(a) },
      {
        onSuccess: () => {
          // The next entry, even with the same amount, is a new one.
          keys.current = new IdempotencyKeys();
          onDone();
        },
        onError: failWith,
      },
    );
  };
  return { errors, fail, submit, pending: action.isPending };
}

function Radios<V extends string>(props: {
  formId: string;
  name: string;
  legend: string;
  value: V;
  options: readonly V[];
  label: (v: V) => string;
  onChange: (v: V) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.options.map((v) => (
        <div className="choice" key={v}>
          <input
            type="radio"
            id={`${props.formId}-${v}`}
            name={props.name}
            checked={props.value === v}
            onChange={() => props.onChange(v)}
          />
          <label htmlFor={`${props.formId}-${v}`}>{props.label(v)}</label>
        </div>
      ))}
    </fieldset>
  );
}

const Done = ({ children }: { children: ReactNode }) => <Notice tone="success">{children}</Notice>;

const PAYMENT_FIELDS = ['amountCents', 'reference'] as const;
const METHODS = ['check', 'card_phone', 'cash'] as const;

export function RecordPaymentForm({ patientId, owedCents }: { patientId: string; owedCents: number }) {
  const { t, i18n } = useTranslation();
  const form = useOfficeForm(patientId, PAYMENT_FIELDS);
  const [method, setMethod] = useState<RecordPaymentBody['method']>('check');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const formId = 'office-payment';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const cents = parseDollars(amount);
    const problems: FieldErrors<(typeof PAYMENT_FIELDS)[number]> = {};
    if (cents === null || cents <= 0) problems.amountCents = t('billing.office.amountInvalid');
    if (method === 'check' && !reference.trim()) problems.reference = t('billing.office.checkNumberRequired');
    if (cents === null || Object.keys(problems).length > 0) return form.fail(problems);
    const body: RecordPaymentBody = {
      amountCents: cents,
      method,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    form.submit({ kind: 'payments', body }, () => {
      setDone(t('billing.office.paymentDone', { amount: money(cents, i18n.language) }));
      setAmount('');
      setReference('');
    });
  };
  return (
    <form id={formId} className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('billing.office.paymentTitle')}</h2>
      <ErrorSummary formId={formId} errors={form.errors} order={PAYMENT_FIELDS} />
      {done ? <Done>{done}</Done> : null}
      <Radios
        formId={formId}
        name="method"
        legend={t('billing.office.method')}
        value={method}
        options={METHODS}
        label={(m) => t(`billing.office.methods.${m}`)}
        onChange={setMethod}
      />
      <AmountField
        formId={formId}
        name="amountCents"
        label={t('billing.office.amount')}
        hint={t('billing.office.upTo', { amount: money(owedCents, i18n.language) })}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={form.errors.fields.amountCents}
      />
      <TextField
        formId={formId}
        name="reference"
        label={method === 'check' ? t('billing.office.checkNumber') : t('billing.office.reference')}
        width="medium"
        maxLength={40}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={form.errors.fields.reference}
      />
      <SubmitButton pending={form.pending}>{t('billing.office.recordPayment')}</SubmitButton>
    </form>
  );
}

const ADJUST_FIELDS = ['amountCents', 'reason'] as const;
type AdjustField = (typeof ADJUST_FIELDS)[number];

/** The amount and reason a refund and an adjustment both ask for, checked before sending. */
function useAmountReason() {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const check = (t: TFunction): { amountCents: number; reason: string } | { problems: FieldErrors<AdjustField> } => {
    const cents = parseDollars(amount);
    const problems: FieldErrors<AdjustField> = {};
    if (cents === null || cents <= 0) problems.amountCents = t('billing.office.amountInvalid');
    if (!reason.trim()) problems.reason = t('billing.office.reasonRequired');
    if (cents === null || Object.keys(problems).length > 0) return { problems };
    return { amountCents: cents, reason: reason.trim() };
  };
  const reset = () => {
    setAmount('');
    setReason('');
  };
  return { amount, setAmount, reason, setReason, check, reset };
}

function AmountReasonFields(props: {
  formId: string;
  amountLabel: string;
  amountHint?: string;
  amount: string;
  setAmount: (v: string) => void;
  reason: string;
  setReason: (v: string) => void;
  errors: FieldErrors<AdjustField>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <AmountField
        formId={props.formId}
        name="amountCents"
        label={props.amountLabel}
        hint={props.amountHint}
        value={props.amount}
        onChange={(e) => props.setAmount(e.target.value)}
        error={props.errors.amountCents}
      />
      <TextField
        formId={props.formId}
        name="reason"
        label={t('billing.office.reason')}
        hint={t('billing.office.reasonHint')}
        maxLength={500}
        value={props.reason}
        onChange={(e) => props.setReason(e.target.value)}
        error={props.errors.reason}
      />
    </>
  );
}

export function AdjustmentForm({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const form = useOfficeForm(patientId, ADJUST_FIELDS);
  const [direction, setDirection] = useState<AdjustmentBody['direction']>('credit');
  const entry = useAmountReason();
  const [done, setDone] = useState<string | null>(null);
  const formId = 'office-adjustment';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = entry.check(t);
    if ('problems' in checked) return form.fail(checked.problems);
    form.submit({ kind: 'adjustments', body: { direction, ...checked } }, () => {
      setDone(t(`billing.office.adjustDone.${direction}`, { amount: money(checked.amountCents, i18n.language) }));
      entry.reset();
    });
  };
  return (
    <form id={formId} className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('billing.office.adjustTitle')}</h2>
      <ErrorSummary formId={formId} errors={form.errors} order={ADJUST_FIELDS} />
      {done ? <Done>{done}</Done> : null}
      <Radios
        formId={formId}
        name="direction"
        legend={t('billing.office.direction')}
        value={direction}
        options={['credit', 'debit'] as const}
        label={(d) => t(`billing.office.directions.${d}`)}
        onChange={setDirection}
      />
      <AmountReasonFields
        formId={formId}
        amountLabel={t('billing.office.amount')}
        {...entry}
        errors={form.errors.fields}
      />
      <SubmitButton pending={form.pending}>{t('billing.office.adjust')}</SubmitButton>
    </form>
  );
}

export function RefundForm({ patientId, payment }: { patientId: string; payment: OfficePayment }) {
  const { t, i18n } = useTranslation();
  const form = useOfficeForm(patientId, ADJUST_FIELDS);
  const entry = useAmountReason();
  const [done, setDone] = useState<string | null>(null);
  const formId = `refund-${payment.id}`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = entry.check(t);
    if ('problems' in checked) return form.fail(checked.problems);
    form.submit({ kind: 'refunds', body: { paymentId: payment.id, ...checked } }, () =>
      setDone(t('billing.office.refundDone', { amount: money(checked.amountCents, i18n.language) })),
    );
  };
  if (done) return <Done>{done}</Done>;
  return (
    <form id={formId} noValidate onSubmit={onSubmit}>
      <ErrorSummary formId={formId} errors={form.errors} order={ADJUST_FIELDS} />
      <AmountReasonFields
        formId={formId}
        amountLabel={t('billing.office.refundAmount')}
        amountHint={t('billing.office.upTo', { amount: money(payment.refundableCents, i18n.language) })}
        {...entry}
        errors={form.errors.fields}
      />
      <SubmitButton pending={form.pending}>{t('billing.office.refund')}</SubmitButton>
    </form>
  );
}
