import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { TextField } from '../../../app/forms/Field';
import { formatDate } from '../../../app/ui/format';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { usePatientSearch } from '../../staff';

interface PatientPickerProps {
  formId: string;
  value: Patient | null;
  onChange: (patient: Patient | null) => void;
  error?: string | undefined;
}

/** Finds a patient of the organization by name or email (the staff search), then picks one. */
export function PatientPicker({ formId, value, onChange, error }: PatientPickerProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const search = usePatientSearch(q);
  const run = () => setQ(text.trim());
  // Inside the booking form, Enter searches rather than submitting the booking.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      run();
    }
  };

  if (value) {
    return (
      <div className="field sa-chosen">
        <p className="field__label" id={`${formId}-patient-label`}>
          {t('scheduleAdmin.book.patient')}
        </p>
        <p>
          <strong>
            {value.familyName}, {value.givenName}
          </strong>{' '}
          · {t('staff.patient.born', { date: formatDate(value.birthDate, i18n.language) })}
        </p>
        <button type="button" className="button button--quiet" onClick={() => onChange(null)}>
          {t('scheduleAdmin.book.changePatient')}
        </button>
      </div>
    );
  }

  return (
    <fieldset className={error ? 'sa-fieldset field--error' : 'sa-fieldset'}>
      <legend className="field__label">{t('scheduleAdmin.book.patient')}</legend>
      <div className="sa-inline-search">
        <TextField
          formId={formId}
          name="patientId"
          label={t('scheduleAdmin.book.patientSearch')}
          hint={t('staff.search.hint')}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          error={error}
        />
        <button type="button" className="button button--secondary" onClick={run}>
          {t('staff.search.submit')}
        </button>
      </div>
      {search.isFetching ? <Loading label={t('staff.search.searching')} /> : null}
      {search.isError ? <ErrorMessage>{messageForError(t, search.error)}</ErrorMessage> : null}
      <div role="status">
        {search.data && !search.isFetching ? (
          <p className="results__count">
            {search.data.length === 0
              ? t('staff.search.none', { q })
              : t('staff.search.count', { count: search.data.length, q })}
          </p>
        ) : null}
      </div>
      {search.data && search.data.length > 0 ? (
        <ul className="plain-list sa-patient-results">
          {search.data.map((p) => (
            <li key={p.id}>
              <button type="button" className="button button--quiet sa-pick" onClick={() => onChange(p)}>
                {t('scheduleAdmin.book.choosePatient', {
                  name: `${p.familyName}, ${p.givenName}`,
                  born: formatDate(p.birthDate, i18n.language),
                })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
