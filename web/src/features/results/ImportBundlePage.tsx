import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { PageTitle } from '../../app/ui/PageTitle';
import { useImportBundle } from './api';
import { BundleProblems } from './BundleProblems';
import { careResultsPath, useCarePatientName } from './careTeam';
import './results.css';
import './results-care.css';

const FORM = 'fhir-import';
const MAX_FILE_BYTES = 1024 * 1024;

/** Import a FHIR R4 bundle from a file or pasted text; a refused one lists every problem. */
export function ImportBundlePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const name = useCarePatientName(id);
  const importBundle = useImportBundle(id);
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState('');
  const [problems, setProblems] = useState<{ list: FieldError[]; attempt: number }>({ list: [], attempt: 0 });
  const fail = (list: FieldError[]) => setProblems((prev) => ({ list, attempt: prev.attempt + 1 }));

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      fail([{ field: '', message: t('results.import.tooLarge') }]);
      return;
    }
    void file.text().then((content) => {
      setText(content);
      setFileNote(t('results.import.loaded', { name: file.name }));
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importBundle.isPending) return;
    if (!text.trim()) return fail([{ field: '', message: t('results.import.empty') }]);
    let bundle: unknown;
    try {
      bundle = JSON.parse(text);
    } catch (err) {
      return fail([{ field: '', message: t('results.import.notJson', { reason: (err as Error).message }) }]);
    }
    importBundle.mutate(bundle, {
      onSuccess: (done) => void navigate(careResultsPath(id), { state: { imported: done.results.length } }),
      onError: (error) =>
        fail(
          isApiError(error) && error.fieldErrors.length > 0
            ? [...error.fieldErrors]
            : [{ field: '', message: messageForError(t, error) }],
        ),
    });
  };

  return (
    <div className="narrow-wide">
      <p className="res-back">
        <Link to={careResultsPath(id)}>{t('results.backToList')}</Link>
      </p>
      <PageTitle>{t('results.import.title')}</PageTitle>
      <p className="lede">{name ? t('results.import.introNamed', { name }) : t('results.import.intro')}</p>
      <p>
        {t('results.import.subject')} <code className="res-code">Patient/{id}</code>
      </p>
      {problems.list.length > 0 ? <BundleProblems problems={problems.list} attempt={problems.attempt} /> : null}
      <form className="form res-import" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${FORM}-file`}>
            {t('results.import.file')}
          </label>
          <div className="field__hint" id={`${FORM}-file-hint`}>
            {t('results.import.fileHint')}
          </div>
          <input
            id={`${FORM}-file`}
            type="file"
            className="res-file"
            accept=".json,application/json,application/fhir+json"
            aria-describedby={`${FORM}-file-hint`}
            onChange={onFile}
          />
          <p role="status" className="hint">
            {fileNote}
          </p>
        </div>
        <TextAreaField
          formId={FORM}
          name="bundle"
          label={t('results.import.paste')}
          hint={t('results.import.pasteHint')}
          rows={10}
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <SubmitButton pending={importBundle.isPending}>{t('results.import.submit')}</SubmitButton>
      </form>
    </div>
  );
}
