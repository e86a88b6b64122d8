import type { Estimate } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { AmountField } from '../../app/forms/InputFields';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { money } from '../billing';
import { useEpisodeCharges, useIntlAction, useIntlStaffAction } from './api';
import { DepositForm, positiveCents, useDepositEntry } from './DepositForm';
import { formatDayOf } from '../../app/ui/format';

const REQUEST_FIELDS = ['amountCents'] as const;
const APPLY_FIELDS = ['chargeEntryId', 'amountCents'] as const;
const REFUND_FIELDS = ['amountCents', 'reason'] as const;

/** Staff: what is held of an estimate's deposit, applied to a charge of its episode or refunded. */
export function DepositActions({ estimate: e }: { estimate: Estimate }) {
  const { t, i18n } = useTranslation();
  const d = e.deposit;
  if (!d) return e.status === 'accepted' ? <RequestDepositForm estimate={e} /> : null;
  return (
    <>
      <p>
        {t('international.depositRequested', {
          amount: money(d.requestedCents, i18n.language),
          paid: money(d.paidCents, i18n.language),
          due: money(d.payableCents, i18n.language),
        })}
      </p>
      <p>
        {t('international.deposits.summary', {
          held: money(d.heldCents, i18n.language),
          applied: money(d.appliedCents, i18n.language),
          refunded: money(d.refundedCents, i18n.language),
        })}
      </p>
      {d.heldCents > 0 ? (
        <>
          <ApplyForm estimate={e} heldCents={d.heldCents} />
          <RefundForm estimate={e} heldCents={d.heldCents} />
        </>
      ) : null}
    </>
  );
}

function RequestDepositForm({ estimate: e }: { estimate: Estimate }) {
  const { t, i18n } = useTranslation();
  const { deposit } = useIntlAction();
  const { errors, fail, failWith, clear } = useFormErrors(REQUEST_FIELDS);
  const [amount, setAmount] = useState('');
  const formId = `intl-deposit-${e.id}`;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (deposit.isPending) return;
    clear();
    const cents = positiveCents(amount);
    if (cents === null) return fail({ amountCents: t('international.amountInvalid') });
    deposit.mutate({ id: e.id, amountCents: cents }, { onError: failWith });
  };
  return (
    <form id={formId} noValidate onSubmit={onSubmit}>
      <ErrorSummary formId={formId} errors={errors} order={REQUEST_FIELDS} />
      <AmountField
        formId={formId}
        name="amountCents"
        label={t('international.depositAmount')}
        hint={t('international.deposits.upToTotal', { amount: money(e.totalCents, i18n.language) })}
        value={amount}
        onChange={(ev) => setAmount(ev.target.value)}
        error={errors.fields.amountCents}
      />
      <SubmitButton pending={deposit.isPending}>{t('international.requestDeposit')}</SubmitButton>
    </form>
  );
}

function ApplyForm({ estimate: e, heldCents }: { estimate: Estimate; heldCents: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const charges = useEpisodeCharges(e.id, true);
  const { apply } = useIntlStaffAction();
  const { errors, fail, clear, done, send } = useDepositEntry(APPLY_FIELDS);
  const [charge, setCharge] = useState('');
  const [amount, setAmount] = useState('');
  const open = (charges.data ?? []).filter((c) => c.owedCents > 0);
  const formId = `intl-apply-${e.id}`;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (apply.isPending) return;
    clear();
    const cents = positiveCents(amount);
    const problems: FieldErrors<(typeof APPLY_FIELDS)[number]> = {};
    if (!charge) problems.chargeEntryId = t('international.deposits.chargeRequired');
    if (cents === null) problems.amountCents = t('international.amountInvalid');
    if (cents === null || Object.keys(problems).length > 0) return fail(problems);
    const v = { id: e.id, chargeEntryId: charge, amountCents: cents };
    send(apply, v, () => {
      setAmount('');
      setCharge('');
      return t('international.deposits.applied', { amount: money(cents, locale) });
    });
  };
  return (
    <DepositForm
      formId={formId}
      title={t('international.deposits.applyTitle')}
      errors={errors}
      order={APPLY_FIELDS}
      done={done}
      onSubmit={onSubmit}
    >
      {charges.isSuccess && open.length === 0 ? <p>{t('international.deposits.noCharges')}</p> : null}
      <SelectField
        formId={formId}
        name="chargeEntryId"
        label={t('international.deposits.charge')}
        value={charge}
        onChange={(ev) => setCharge(ev.target.value)}
        error={errors.fields.chargeEntryId}
      >
        <option value="" />
        {open.map((c) => (
          <option key={c.entryId} value={c.entryId}>
            {t('international.deposits.chargeOption', {
              date: formatDayOf(c.startAt, locale),
              amount: money(c.amountCents, locale),
              owed: money(c.owedCents, locale),
            })}
          </option>
        ))}
      </SelectField>
      <AmountField
        formId={formId}
        name="amountCents"
        label={t('international.deposits.amount')}
        hint={t('international.deposits.upTo', { amount: money(heldCents, locale) })}
        value={amount}
        onChange={(ev) => setAmount(ev.target.value)}
        error={errors.fields.amountCents}
      />
      <SubmitButton pending={apply.isPending}>{t('international.deposits.apply')}</SubmitButton>
    </DepositForm>
  );
}

function RefundForm({ estimate: e, heldCents }: { estimate: Estimate; heldCents: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { refund } = useIntlStaffAction();
  const { errors, fail, clear, done, send } = useDepositEntry(REFUND_FIELDS);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const formId = `intl-refund-${e.id}`;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (refund.isPending) return;
    clear();
    const cents = positiveCents(amount);
    const problems: FieldErrors<(typeof REFUND_FIELDS)[number]> = {};
    if (cents === null) problems.amountCents = t('international.amountInvalid');
    if (!reason.trim()) problems.reason = t('international.deposits.reasonRequired');
    if (cents === null || Object.keys(problems).length > 0) return fail(problems);
    const v = { id: e.id, body: { amountCents: cents, reason: reason.trim() } };
    send(refund, v, () => {
      setAmount('');
      setReason('');
      return t('international.deposits.refunded', { amount: money(cents, locale) });
    });
  };
  return (
    <DepositForm
      formId={formId}
      title={t('international.deposits.refundTitle')}
      errors={errors}
      order={REFUND_FIELDS}
      done={done}
      onSubmit={onSubmit}
    >
      <AmountField
        formId={formId}
        name="amountCents"
        label={t('international.deposits.amount')}
        hint={t('international.deposits.upTo', { amount: money(heldCents, locale) })}
        value={amount}
        onChange={(ev) => setAmount(ev.target.value)}
        error={errors.fields.amountCents}
      />
      <TextField
        formId={formId}
        name="reason"
        label={t('international.deposits.reason')}
        maxLength={500}
        value={reason}
        onChange={(ev) => setReason(ev.target.value)}
        error={errors.fields.reason}
      />
      <SubmitButton pending={refund.isPending}>{t('international.deposits.refund')}</SubmitButton>
    </DepositForm>
  );
}
