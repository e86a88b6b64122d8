import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import type { ResultCategory } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { PageTitle } from '../../app/ui/PageTitle';
import { useEnterResult } from './api';
import { careResultsPath, useCarePatientName } from './careTeam';
import {
  checkEntry,
  formField,
  localNow,
  ROW_FIELDS,
  rowFieldName,
  toBody,
  type EntryRow,
  type EntryValues,
} from './entryForm';
import { ObservationFields } from './ObservationFields';
import './results.css';
import './results-care.css';

const FORM = 'enter-result';
const CATEGORIES: readonly ResultCategory[] = ['lab', 'imaging', 'pathology'];
const emptyRow = (key: number): EntryRow => ({ key, name: '', code: '', value: '', unit: '', low: '', high: '' });

/** A clinician (or staff) types in a result: a panel of values, or an imaging or pathology report. */
export function EnterResultPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const name = useCarePatientName(id);
  const enter = useEnterResult(id);
  const nextKey = useRef(1);
  const [values, setValues] = useState<EntryValues>(() => ({
    category: 'lab',
    name: '',
    code: '',
    effectiveAt: localNow(),
    conclusion: '',
    comment: '',
  }));
  const [rows, setRows] = useState<EntryRow[]>([emptyRow(0)]);
  const { errors, fail, clear } = useFormErrors<string>([]);
  const order = [
    'category',
    'name',
    'code',
    'effectiveAt',
    ...rows.flatMap((_, i) => ROW_FIELDS.map((f) => rowFieldName(i, f))),
    'conclusion',
    'comment',
  ];
  const set = (field: keyof EntryValues, value: string) => setValues((prev) => ({ ...prev, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (enter.isPending) return;
    const problems = checkEntry(values, rows);
    if (Object.keys(problems).length > 0) {
      const { observations, ...fields } = problems;
      fail(
        Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, t(key as ParseKeys)])),
        observations ? [t(observations as ParseKeys)] : [],
      );
      return;
    }
    clear();
    enter.mutate(toBody(values, rows), {
      onSuccess: (report) => void navigate(`${careResultsPath(id)}/${report.id}`),
      onError: (error) => {
        const fields: Record<string, string> = {};
        const general: string[] = [];
        for (const fe of isApiError(error) ? error.fieldErrors : []) {
          const f = formField(fe.field);
          if (order.includes(f)) fields[f] ??= fe.message;
          else general.push(fe.message);
        }
        if (Object.keys(fields).length === 0 && general.length === 0) general.push(messageForError(t, error));
        fail(fields, general);
      },
    });
  };

  const text = (field: 'name' | 'code', label: string, hint?: string) => (
    <TextField
      formId={FORM}
      name={field}
      label={label}
      hint={hint}
      value={values[field]}
      onChange={(event) => set(field, event.target.value)}
      error={errors.fields[field]}
      autoComplete="off"
    />
  );

  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to={careResultsPath(id)}>{t('results.backToList')}</Link>
      </p>
      <PageTitle>{t('results.enter.title')}</PageTitle>
      {name ? <p className="lede">{t('results.enter.for', { name })}</p> : null}
      <ErrorSummary formId={FORM} errors={errors} order={order} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <SelectField
          formId={FORM}
          name="category"
          label={t('results.enter.category')}
          hint={t('results.enter.categoryHint')}
          value={values.category}
          onChange={(event) => set('category', event.target.value)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`results.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        {text('name', t('results.enter.name'), t('results.enter.nameHint'))}
        {text('code', t('results.enter.code'), t('results.enter.codeHint'))}
        <TextField
          formId={FORM}
          name="effectiveAt"
          type="datetime-local"
          width="medium"
          label={t('results.enter.effectiveAt')}
          value={values.effectiveAt}
          onChange={(event) => set('effectiveAt', event.target.value)}
          error={errors.fields['effectiveAt']}
        />
        <section className="section" aria-labelledby={`${FORM}-values`}>
          <h2 id={`${FORM}-values`}>{t('results.enter.valuesTitle')}</h2>
          <p className="hint">{t('results.enter.valuesHint')}</p>
          {rows.map((row, i) => (
            <ObservationFields
              key={row.key}
              formId={FORM}
              index={i}
              row={row}
              errors={errors.fields}
              onChange={(field, value) =>
                setRows((prev) => prev.map((r) => (r.key === row.key ? { ...r, [field]: value } : r)))
              }
              onRemove={() => setRows((prev) => prev.filter((r) => r.key !== row.key))}
            />
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setRows((prev) => [...prev, emptyRow(nextKey.current++)])}
          >
            {t('results.enter.addRow')}
          </button>
        </section>
        <TextAreaField
          formId={FORM}
          name="conclusion"
          label={t('results.enter.conclusion')}
          hint={t('results.enter.conclusionHint')}
          rows={5}
          maxLength={20000}
          value={values.conclusion}
          onChange={(event) => set('conclusion', event.target.value)}
          error={errors.fields['conclusion']}
        />
        <TextAreaField
          formId={FORM}
          name="comment"
          label={t('results.enter.comment')}
          hint={t('results.enter.commentHint')}
          rows={3}
          maxLength={5000}
          value={values.comment}
          onChange={(event) => set('comment', event.target.value)}
          error={errors.fields['comment']}
        />
        <SubmitButton pending={enter.isPending}>{t('results.enter.submit')}</SubmitButton>
      </form>
    </div>
  );
}
