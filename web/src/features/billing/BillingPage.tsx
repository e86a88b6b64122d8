import type { BillingSummary, ChargePreview, LedgerLine } from '@portico/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { formatDateTime, telHref } from '../../app/ui/format';
import { LoadProblem } from '../sharing';
import { useBilling, useChargePreview } from './api';
import { DisputeLine } from './DisputeLine';
import { explain, localDay, money } from './format';
import './billing.css';

/** The patient's bill: what is owed, why each line is what it is, and how to pay. */
export function BillingPage() {
  const { t } = useTranslation();
  const billing = useBilling();
  const preview = useChargePreview();
  return (
    <div className="narrow-wide billing">
      <PageTitle>{t('billing.title')}</PageTitle>
      <p className="lede">{t('billing.intro')}</p>
      {billing.isLoading ? <Loading /> : null}
      {billing.isError ? (
        <LoadProblem lead={t('billing.loadError')} error={billing.error} retry={() => void billing.refetch()} />
      ) : null}
      {billing.data ? (
        <>
          <Balance bill={billing.data} />
          {preview.data ? <Preview preview={preview.data} /> : null}
          <Statements bill={billing.data} />
          <Lines lines={billing.data.lines} />
          <WaysToPay phone={billing.data.billingPhone} />
        </>
      ) : null}
    </div>
  );
}

function Balance({ bill }: { bill: BillingSummary }) {
  const { t, i18n } = useTranslation();
  const hasHsa = bill.lines.some((l) => l.hsaFsaEligible);
  return (
    <section className="card billing-balance" aria-labelledby="billing-balance">
      <h2 id="billing-balance" className="billing-balance__label">
        {t('billing.balance.label')}
      </h2>
      <p className="billing-balance__amount" data-testid="balance">
        {money(bill.balanceCents, i18n.language)}
      </p>
      {bill.balanceCents > 0 ? (
        <Link className="button" to="/billing/pay">
          {t('billing.balance.pay')}
        </Link>
      ) : (
        <p>{t('billing.balance.zero')}</p>
      )}
      {hasHsa ? <p className="hint">{t('billing.balance.hsa')}</p> : null}
    </section>
  );
}

function Preview({ preview }: { preview: ChargePreview }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="billing-preview">
      <h2 id="billing-preview">{t('billing.preview.title')}</h2>
      <p>{t('billing.preview.amount', { amount: money(preview.amountCents, i18n.language) })}</p>
      <p className="hint">{explain(t, preview.explanation, preview.amountCents, i18n.language)}</p>
      {preview.referral === 'missing' ? (
        <p className="billing-warning">{t('billing.preview.referralMissing')}</p>
      ) : null}
      {preview.referral === 'on_file' ? <p>{t('billing.preview.referralOnFile')}</p> : null}
      <p className="hint">{t('billing.preview.free')}</p>
    </section>
  );
}

function Statements({ bill }: { bill: BillingSummary }) {
  const { t, i18n } = useTranslation();
  if (bill.statements.length === 0) return null;
  return (
    <section aria-labelledby="billing-statements">
      <h2 id="billing-statements">{t('billing.statements.title')}</h2>
      <ul className="billing-statements">
        {bill.statements.map((st) => (
          <li key={st.id}>
            <a href={`/api/billing/statements/${encodeURIComponent(st.id)}/pdf`} download>
              {t('billing.statements.download', {
                number: st.number,
                date: localDay(st.asOf, i18n.language),
              })}
            </a>{' '}
            <span className="hint">
              {t('billing.statements.balance', { amount: money(st.balanceCents, i18n.language) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Lines({ lines }: { lines: LedgerLine[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="billing-lines">
      <h2 id="billing-lines">{t('billing.lines.title')}</h2>
      {lines.length === 0 ? (
        <p>{t('billing.lines.none')}</p>
      ) : (
        <ul className="billing-lines">
          {lines.map((line) => (
            <Line key={line.id} line={line} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Line({ line }: { line: LedgerLine }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <li className={`billing-line billing-line--${line.type}`}>
      <div className="billing-line__what">
        <p className="billing-line__type">{t(`billing.lines.${line.type}`)}</p>
        {line.visit ? (
          <p>
            {t('billing.lines.visit', {
              date: formatDateTime(line.visit.start, locale),
              clinician: line.visit.clinicianName,
            })}
          </p>
        ) : null}
        <p>{explain(t, line.explanation, line.amountCents, locale)}</p>
        <p className="hint">{t('billing.lines.posted', { date: formatDateTime(line.postedAt, locale) })}</p>
        <DisputeLine line={line} />
        {line.paymentId ? (
          <p>
            <a href={`/api/billing/payments/${encodeURIComponent(line.paymentId)}/receipt`} download>
              {t('billing.lines.receipt')}
            </a>
          </p>
        ) : null}
      </div>
      <div className="billing-line__amount">
        <span className="visually-hidden">{t('billing.lines.amount')}: </span>
        {money(line.amountCents, locale)}
        {line.hsaFsaEligible ? <span className="badge">{t('billing.lines.hsaEligible')}</span> : null}
      </div>
    </li>
  );
}

function WaysToPay({ phone }: { phone: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="billing-ways">
      <h2 id="billing-ways">{t('billing.ways.title')}</h2>
      <ul>
        <li>{t('billing.ways.online')}</li>
        {phone ? (
          <li>
            {t('billing.ways.phone')} <a href={telHref(phone)}>{phone}</a>
          </li>
        ) : null}
        <li>{t('billing.ways.mail')}</li>
      </ul>
      {phone ? (
        <p>
          {t('billing.ways.questions')} <a href={telHref(phone)}>{phone}</a>
        </p>
      ) : null}
    </section>
  );
}
