import { useTranslation } from 'react-i18next';
import { TextField } from '../../app/forms/Field';
import { rowFieldName, type EntryRow, type RowField } from './entryForm';

interface ObservationFieldsProps {
  formId: string;
  index: number;
  row: EntryRow;
  errors: Record<string, string | undefined>;
  onChange: (field: RowField, value: string) => void;
  onRemove: () => void;
}

/** One analyte of a result being entered: name, code, value and unit, and its usual range. */
export function ObservationFields({ formId, index, row, errors, onChange, onRemove }: ObservationFieldsProps) {
  const { t } = useTranslation();
  const field = (
    name: RowField,
    label: string,
    extra: { width?: 'short' | 'medium'; inputMode?: 'decimal'; hint?: string } = {},
  ) => (
    <TextField
      formId={formId}
      name={rowFieldName(index, name)}
      label={label}
      width={extra.width ?? 'full'}
      inputMode={extra.inputMode}
      hint={extra.hint}
      value={row[name]}
      onChange={(event) => onChange(name, event.target.value)}
      error={errors[rowFieldName(index, name)]}
      autoComplete="off"
    />
  );
  return (
    <fieldset className="res-row">
      <legend className="res-row__legend">{t('results.enter.row', { number: index + 1 })}</legend>
      <div className="res-row__grid">
        {field('name', t('results.enter.rowName'))}
        {field('code', t('results.enter.rowCode'), { width: 'medium' })}
        {field('value', t('results.enter.value'), { width: 'medium', hint: t('results.enter.valueHint') })}
        {field('unit', t('results.enter.unit'), { width: 'medium', hint: t('results.enter.unitHint') })}
        {field('low', t('results.enter.low'), { width: 'short', inputMode: 'decimal' })}
        {field('high', t('results.enter.high'), { width: 'short', inputMode: 'decimal' })}
      </div>
      <button type="button" className="button button--secondary" onClick={onRemove}>
        {t('results.enter.removeRow', { number: index + 1 })}
      </button>
    </fieldset>
  );
}
