import type { EstimateLineInput } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { messageForError } from '../../app/errors';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { languageName } from '../../app/ui/format';
import { money, parseDollars } from '../billing';
import { useCoordinators, useIntlAction, usePatientEstimates, useQueue, useStaffPatients } from './api';
import { DepositActions } from './DepositActions';
import { DoctorLinks } from './DoctorLinks';
import { RequestItem } from './InternationalPage';

/** Staff: international patients with their coordinator, the request queue, estimates and deposits. */
export function QueuePage() {
  const { t, i18n } = useTranslation();
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
                {p.name} — {regionName(p.country, i18n.language)}, {languageName(p.preferredLanguage, i18n.language)}
              </h3>
              <button type="button" className="button button--secondary" onClick={() => setSelected(p.patientId)}>
                {t('international.estimateFor', { name: p.name })}
              </button>
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
  // Inside the request's list item, so the list holds only list items.
  return (
    <RequestItem request={r} staff>
      {status.isError ? <ErrorMessage>{messageForError(t, status.error)}</ErrorMessage> : null}
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
      <DoctorLinks request={r} />
    </RequestItem>
  );
}

const ESTIMATE_FIELDS = ['title', 'lines', 'referenceCurrency', 'exchangeRate'] as const;

type Line = { description: string; quantity: string; unit: string };

function EstimateEditor({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const estimates = usePatientEstimates(patientId);
  const { estimate } = useIntlAction();
  const [title, setTitle] = useState('');
  const [lines, setLines] = useState<Line[]>([{ description: '', quantity: '1', unit: '' }]);
  const [currency, setCurrency] = useState('');
  const [rate, setRate] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(ESTIMATE_FIELDS);
  const formId = 'intl-estimate';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (estimate.isPending) return;
    clear();
    const parsed: EstimateLineInput[] = [];
    const lineProblems: string[] = [];
    lines.forEach((l, i) => {
      const unitCents = parseDollars(l.unit);
      if (!l.description.trim() || unitCents === null) {
        lineProblems.push(t('international.lineInvalid', { n: i + 1 }));
      } else parsed.push({ description: l.description.trim(), quantity: Number(l.quantity) || 1, unitCents });
    });
    const problems: FieldErrors<(typeof ESTIMATE_FIELDS)[number]> = {};
    if (!title.trim()) problems.title = t('international.titleRequired');
    if (currency.trim() && !/^[A-Za-z]{3}$/.test(currency.trim())) {
      problems.referenceCurrency = t('international.currencyInvalid');
    }
    if (lineProblems.length > 0 || Object.keys(problems).length > 0) return fail(problems, lineProblems);
    estimate.mutate(
      {
        patientId,
        title: title.trim(),
        lines: parsed,
        ...(currency.trim() ? { referenceCurrency: currency.trim().toUpperCase(), exchangeRate: rate.trim() } : {}),
      },
      { onError: failWith },
    );
  };
  const setLine = (i: number, k: keyof Line, v: string) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  return (
    <section aria-labelledby={`${formId}-title`}>
      <form id={formId} className="card" noValidate onSubmit={onSubmit}>
        <h2 id={`${formId}-title`}>{t('international.estimateEditor')}</h2>
        {estimate.isSuccess ? <Notice tone="success">{t('international.estimateSaved')}</Notice> : null}
        <ErrorSummary formId={formId} errors={errors} order={ESTIMATE_FIELDS} />
        <TextField
          formId={formId}
          name="title"
          label={t('international.estimateTitle')}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.fields.title}
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
          error={errors.fields.referenceCurrency}
        />
        <TextField
          formId={formId}
          name="exchangeRate"
          label={t('international.exchangeRate')}
          width="short"
          inputMode="decimal"
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          error={errors.fields.exchangeRate}
        />
        <SubmitButton pending={estimate.isPending}>{t('international.saveEstimate')}</SubmitButton>
      </form>
      {estimates.data?.map((e) => (
        <div key={e.id} className="card">
          <h3>
            {e.title} — {t(`international.estimateStatus.${e.status}`)} — {money(e.totalCents, i18n.language)}
          </h3>
          {e.patientQuestion ? <p>{e.patientQuestion}</p> : null}
          <DepositActions estimate={e} />
        </div>
      ))}
    </section>
  );
}

/** A country's name in the reader's language ("Brazil", "Brasil"), or its code if unknown. */
function regionName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
