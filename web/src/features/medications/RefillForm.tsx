import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Pharmacy } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';

export const NOTE_MAX = 1000;
const FORM = 'refill';
const FIELDS = ['pharmacyId', 'note'] as const;

export interface RefillChoice {
  pharmacyId: string;
  note: string;
}

interface RefillFormProps {
  medicationId: string;
  pharmacies: Pharmacy[];
  initial: RefillChoice;
  /** Back from the review step: focus returns to the chosen pharmacy. */
  returning: boolean;
  onReview: (choice: RefillChoice) => void;
}

/** Step one: which saved pharmacy fills it (or add one first), and an optional note. */
export function RefillForm({ medicationId, pharmacies, initial, returning, onReview }: RefillFormProps) {
  const { t } = useTranslation();
  const preferred = pharmacies.find((p) => p.preferred)?.id ?? (pharmacies.length === 1 ? pharmacies[0]?.id : '');
  const known = pharmacies.some((p) => p.id === initial.pharmacyId);
  const [pharmacyId, setPharmacyId] = useState(known ? initial.pharmacyId : (preferred ?? ''));
  const [note, setNote] = useState(initial.note);
  const { errors, fail, clear } = useFormErrors(FIELDS);
  const addLink = `/medications/pharmacies?add=1&return=${encodeURIComponent(`/medications/${medicationId}/refill`)}`;
  const pharmacyError = errors.fields.pharmacyId;
  const groupId = fieldId(FORM, 'pharmacyId');
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (returning) formRef.current?.querySelector<HTMLInputElement>('input[name="pharmacyId"]:checked')?.focus();
  }, [returning]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!pharmacies.some((p) => p.id === pharmacyId)) problems.pharmacyId = t('medications.refill.choosePharmacy');
    if (note.trim().length > NOTE_MAX) problems.note = t('medications.refill.noteTooLong', { max: NOTE_MAX });
    if (Object.keys(problems).length > 0) return fail(problems);
    clear();
    onReview({ pharmacyId, note });
  };

  if (pharmacies.length === 0) {
    return (
      <div className="panel">
        <p>{t('medications.refill.noPharmacy')}</p>
        <p>
          <Link className="button" to={addLink}>
            {t('medications.refill.addPharmacy')}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <form ref={formRef} className="panel" onSubmit={onSubmit} noValidate aria-label={t('medications.refill.title')}>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <fieldset
        className={pharmacyError ? 'md-fieldset field--error' : 'md-fieldset'}
        aria-describedby={[`${groupId}-hint`, pharmacyError ? `${groupId}-error` : ''].filter(Boolean).join(' ')}
      >
        <legend className="field__label">{t('medications.refill.pharmacy')}</legend>
        <p className="field__hint" id={`${groupId}-hint`}>
          {t('medications.refill.pharmacyHint')}
        </p>
        {pharmacyError ? (
          <p className="field__error" id={`${groupId}-error`}>
            <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
            {pharmacyError}
          </p>
        ) : null}
        {pharmacies.map((p, i) => {
          const id = i === 0 ? groupId : `${groupId}-${p.id}`;
          return (
            <div className="md-choice" key={p.id}>
              <input
                type="radio"
                id={id}
                name="pharmacyId"
                value={p.id}
                checked={pharmacyId === p.id}
                onChange={() => setPharmacyId(p.id)}
                aria-describedby={`${id}-where`}
              />
              <label htmlFor={id}>
                <span className="md-choice__name">
                  {p.name} {p.preferred ? t('medications.refill.preferred') : ''}
                </span>
                <span className="md-choice__where" id={`${id}-where`}>
                  {p.addressLine1}, {p.city}, {p.state} · {p.phone}
                </span>
              </label>
            </div>
          );
        })}
        <p>
          <Link to={addLink}>{t('medications.refill.addPharmacy')}</Link>
        </p>
      </fieldset>
      <TextAreaField
        formId={FORM}
        name="note"
        label={t('medications.refill.note')}
        hint={t('medications.refill.noteHint', { max: NOTE_MAX })}
        maxLength={NOTE_MAX}
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errors.fields.note}
      />
      <SubmitButton pending={false}>{t('medications.refill.review')}</SubmitButton>
    </form>
  );
}
