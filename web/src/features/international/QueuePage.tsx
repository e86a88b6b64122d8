import type { EstimateLineInput } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { messageForError } from '../../app/errors';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { money, parseDollars } from '../billing/format';
import { useCoordinators, useIntlAction, usePatientEstimates, useQueue, useStaffPatients } from './api';
import { RequestItem } from './InternationalPage';

/** Staff: international patients with their coordinator, the request queue, estimates and deposits. */
export function QueuePage() {
  const { t } = useTranslation();
  const patients = useStaffPatients();
  const coordinators = useCoordinators();
  const queue = useQueue();
  const { assign } = useIntlAction();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="narrow-wide">
      <PageTitle>{t('international.queueTitle')}</PageTitle>
      <section aria-labelledby="intl-patients">
        <h2 id="intl-patients">{t('international.patientsTitle')}</h2>
        {patients.data?.length === 0 ? <p>{t('international.noPatients')}</p> : null}
        {assign.isError ? <ErrorMessage>{messageForError(t, assign.error)}</ErrorMessage> : null}
        <ul className="plain-list">
          {patients.data?.map((p) => (
            <li key={p.patientId} className="card">
              <h3>
                <button type="button" className="link-button" onClick={() => setSelected(p.patientId)}>
                  {p.name}
                </button>{' '}
                — {p.country}, {p.preferredLanguage}
              </h3>
              <SelectField
                formId={`intl-assign-${p.patientId}`}
                name="coordinator"
                label={t('international.assign')}
                value={p.coordinatorUserId ?? ''}
                onChange={(e) => assign.mutate({ patientId: p.patientId, coordinatorUserId: e.target.value })}
              >
                <option value="">{t('international.unassigned')}</option>
                {coordinators.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
            </li>
          ))}
        </ul>
      </section>
      {selected ? <EstimateEditor patientId={selected} /> : null}
      <section aria-labelledby="intl-queue">
        <h2 id="intl-queue">{t('international.queueRequests')}</h2>
        {queue.data?.length === 0 ? <p>{t('international.noQueue')}</p> : null}
        <ul className="plain-list">
          {queue.data?.map((r) => (
            <QueueItem key={r.id} id={r.id} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function QueueItem({ id }: { id: string }) {
  const queue = useQueue();
  const { status } = useIntlAction();
  const { t } = useTranslation();
  const r = queue.data?.find((x) => x.id === id);
  if (!r) return null;
  return (
    <>
      <RequestItem request={r} staff />
      <SelectField
        formId={`intl-status-${r.id}`}
        name="status"
        label={t('international.setStatus')}
        value={r.status}
        onChange={(e) => status.mutate({ id: r.id, status: e.target.value as typeof r.status })}
      >
        {(['open', 'in_progress', 'done', 'cancelled'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`international.statuses.${s}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}

type Line = { description: string; quantity: string; unit: string };

function EstimateEditor({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const estimates = usePatientEstimates(patientId);
  const { estimate, deposit } = useIntlAction();
  const [title, setTitle] = useState('');
  const [lines, setLines] = useState<Line[]>([{ description: '', quantity: '1', unit: '' }]);
  const [currency, setCurrency] = useState('');
  const [rate, setRate] = useState('');
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const formId = 'intl-estimate';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed: EstimateLineInput[] = [];
    for (const l of lines) {
      const unitCents = parseDollars(l.unit);
      if (unitCents === null) return setProblem(t('international.amountInvalid'));
      parsed.push({ description: l.description, quantity: Number(l.quantity) || 1, unitCents });
    }
    setProblem(null);
    estimate.mutate({
      patientId,
      title,
      lines: parsed,
      ...(currency.trim() ? { referenceCurrency: currency.trim().toUpperCase(), exchangeRate: rate.trim() } : {}),
    });
  };
  const setLine = (i: number, k: keyof Line, v: string) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  return (
    <section aria-labelledby={`${formId}-title`}>
      <form id={formId} className="card" noValidate onSubmit={onSubmit}>
        <h2 id={`${formId}-title`}>{t('international.estimateEditor')}</h2>
        {estimate.isSuccess ? <Notice tone="success">{t('international.estimateSaved')}</Notice> : null}
        {problem ? <ErrorMessage>{problem}</ErrorMessage> : null}
        {estimate.isError ? <ErrorMessage>{messageForError(t, estimate.error)}</ErrorMessage> : null}
        <TextField
          formId={formId}
          name="title"
          label={t('international.estimateTitle')}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
        {lines.map((l, i) => (
          <fieldset key={i}>
            <legend>#{i + 1}</legend>
            <TextField
              formId={`${formId}-${i}`}
              name="description"
              label={t('international.lineDescription')}
              value={l.description}
              onChange={(e) => setLine(i, 'description', e.target.value)}
            />
            <TextField
              formId={`${formId}-${i}`}
              name="quantity"
              label={t('international.lineQuantity')}
              width="short"
              inputMode="numeric"
              value={l.quantity}
              onChange={(e) => setLine(i, 'quantity', e.target.value)}
            />
            <TextField
              formId={`${formId}-${i}`}
              name="unit"
              label={t('international.lineUnit')}
              width="short"
              inputMode="decimal"
              value={l.unit}
              onChange={(e) => setLine(i, 'unit', e.target.value)}
            />
            {lines.length > 1 ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setLines(lines.filter((_, j) => j !== i))}
              >
                {t('international.removeLine', { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setLines([...lines, { description: '', quantity: '1', unit: '' }])}
        >
          {t('international.addLine')}
        </button>
        <TextField
          formId={formId}
          name="referenceCurrency"
          label={t('international.referenceCurrency')}
          width="short"
          maxLength={3}
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
        />
        <TextField
          formId={formId}
          name="exchangeRate"
          label={t('international.exchangeRate')}
          width="short"
          inputMode="decimal"
          value={rate}
          onChange={(e) => setRate(e.target.value)}
        />
        <SubmitButton pending={estimate.isPending}>{t('international.saveEstimate')}</SubmitButton>
      </form>
      {deposit.isError ? <ErrorMessage>{messageForError(t, deposit.error)}</ErrorMessage> : null}
      {estimates.data?.map((e) => (
        <div key={e.id} className="card">
          <h3>
            {e.title} — {t(`international.estimateStatus.${e.status}`)} — {money(e.totalCents, i18n.language)}
          </h3>
          {e.patientQuestion ? <p>{e.patientQuestion}</p> : null}
          {e.status === 'accepted' && !e.deposit ? (
            <form
              noValidate
              onSubmit={(ev) => {
                ev.preventDefault();
                const cents = parseDollars(amounts[e.id] ?? '');
                if (cents !== null && cents > 0) deposit.mutate({ id: e.id, amountCents: cents });
              }}
            >
              <TextField
                formId={`intl-deposit-${e.id}`}
                name="amount"
                label={t('international.depositAmount')}
                width="short"
                inputMode="decimal"
                value={amounts[e.id] ?? ''}
                onChange={(ev) => setAmounts({ ...amounts, [e.id]: ev.target.value })}
              />
              <SubmitButton pending={deposit.isPending}>{t('international.requestDeposit')}</SubmitButton>
            </form>
          ) : null}
          {e.deposit ? (
            <p>
              {t('international.depositRequested', {
                amount: money(e.deposit.requestedCents, i18n.language),
                paid: money(e.deposit.paidCents, i18n.language),
                due: money(e.deposit.payableCents, i18n.language),
              })}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}
