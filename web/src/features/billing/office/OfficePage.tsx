import type { BillingAccount, OfficePayment } from '@portico/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../app/ui/Loading';
import { PageTitle } from '../../../app/ui/PageTitle';
import { formatDateTime } from '../../../app/ui/format';
import { LoadProblem } from '../../sharing';
import { explain, money } from '../format';
import '../billing.css';
import { useBillingAccount } from './api';
import { AdjustmentForm, RecordPaymentForm, RefundForm } from './OfficeForms';

/** The billing office's page for one patient: balance, lines, payments, and the entries staff post. */
export function OfficePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const account = useBillingAccount(id);
  return (
    <div className="narrow-wide billing">
      <p>
        <Link to={`/patients/${encodeURIComponent(id)}`}>{t('billing.office.back')}</Link>
      </p>
      <PageTitle>
        {account.data
          ? t('billing.office.title', { name: account.data.patientName })
          : t('billing.office.titleLoading')}
      </PageTitle>
      {account.isLoading ? <Loading /> : null}
      {account.isError ? (
        <LoadProblem lead={t('billing.office.loadError')} error={account.error} retry={() => void account.refetch()} />
      ) : null}
      {account.data ? <Account patientId={id} account={account.data} /> : null}
    </div>
  );
}

function Account({ patientId, account }: { patientId: string; account: BillingAccount }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { summary } = account;
  return (
    <>
      <section className="card" aria-labelledby="office-balance">
        <h2 id="office-balance" className="billing-balance__label">
          {t('billing.office.balance')}
        </h2>
        <p className="billing-balance__amount" data-testid="office-balance">
          {money(summary.balanceCents, locale)}
        </p>
        {account.disputedCents > 0 ? (
          <p className="billing-warning">
            {t('billing.office.disputed', { amount: money(account.disputedCents, locale) })}
          </p>
        ) : null}
      </section>
      <RecordPaymentForm patientId={patientId} owedCents={summary.balanceCents} />
      <AdjustmentForm patientId={patientId} />
      <section aria-labelledby="office-payments">
        <h2 id="office-payments">{t('billing.office.paymentsTitle')}</h2>
        {account.payments.length === 0 ? <p>{t('billing.office.noPayments')}</p> : null}
        <ul className="billing-lines">
          {account.payments.map((p) => (
            <PaymentItem key={p.id} patientId={patientId} payment={p} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="office-lines">
        <h2 id="office-lines">{t('billing.lines.title')}</h2>
        {summary.lines.length === 0 ? <p>{t('billing.office.noLines')}</p> : null}
        <ul className="billing-lines">
          {summary.lines.map((line) => (
            <li key={line.id} className={`billing-line billing-line--${line.type}`}>
              <div className="billing-line__what">
                <p className="billing-line__type">{t(`billing.lines.${line.type}`)}</p>
                <p>{explain(t, line.explanation, line.amountCents, locale)}</p>
                <p className="hint">{t('billing.lines.posted', { date: formatDateTime(line.postedAt, locale) })}</p>
                {line.dispute?.status === 'open' ? (
                  <p className="billing-warning">{t('billing.office.lineDisputed')}</p>
                ) : null}
              </div>
              <div className="billing-line__amount">{money(line.amountCents, locale)}</div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function PaymentItem({ patientId, payment }: { patientId: string; payment: OfficePayment }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [refunding, setRefunding] = useState(false);
  return (
    <li className="billing-line">
      <div className="billing-line__what">
        <p className="billing-line__type">
          {t(`billing.office.methods.${payment.method}`)}
          {payment.reference ? ` · ${payment.reference}` : ''}
        </p>
        <p className="hint">
          {formatDateTime(payment.createdAt, locale)} · {t(`billing.office.status.${statusKey(payment.status)}`)}
        </p>
        {payment.refundedCents > 0 ? (
          <p>{t('billing.office.refunded', { amount: money(payment.refundedCents, locale) })}</p>
        ) : null}
        {payment.refundableCents > 0 && !refunding ? (
          <button type="button" className="button button--secondary" onClick={() => setRefunding(true)}>
            {t('billing.office.refundOpen')}
          </button>
        ) : null}
        {refunding ? <RefundForm patientId={patientId} payment={payment} /> : null}
      </div>
      <div className="billing-line__amount">{money(payment.amountCents, locale)}</div>
    </li>
  );
}

const STATUSES = ['pending', 'requires_action', 'succeeded', 'failed'] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);
const statusKey = (s: string): Status => (isStatus(s) ? s : 'pending');
