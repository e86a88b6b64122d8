import type { DoctorCase, RequestReply } from '@portico/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField } from '../../app/forms/Field';
import { fieldId } from '../../app/forms/fieldId';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { downloadFile, loadCase, MAX_LETTER_MB, sendLetter } from './doctor-api';

/** The token from the address's #fragment: browsers never send it to the server. */
const readToken = () => (typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/, '').trim());

/**
 * A patient's home-country doctor opens the link the center sent: no account, this one case's
 * shared letters to read and download, and a letter back with at most one PDF.
 */
export function DoctorCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [token] = useState(readToken);
  const view = useQuery({
    queryKey: ['international', 'doctor-case', id],
    queryFn: () => loadCase(token, id),
    enabled: token !== '',
    retry: false,
  });
  const title = <PageTitle>{t('international.doctor.title')}</PageTitle>;
  if (!token)
    return (
      <div className="narrow">
        {title}
        <ErrorMessage>{t('international.doctor.noToken')}</ErrorMessage>
      </div>
    );
  if (view.isPending) return <Loading />;
  if (view.isError || !view.data) {
    const invalid = isApiError(view.error) && view.error.code === 'doctor_link_invalid';
    return (
      <div className="narrow">
        {title}
        <ErrorMessage>{invalid ? t('international.doctor.invalid') : messageForError(t, view.error)}</ErrorMessage>
      </div>
    );
  }
  const c = view.data;
  return (
    <div className="narrow">
      {title}
      <p>{t('international.doctor.intro', { name: c.doctorName })}</p>
      <section className="card" aria-labelledby="doctor-case">
        <h2 id="doctor-case">{t(`international.kinds.${c.kind}`)}</h2>
        <p>{c.summary}</p>
      </section>
      <section aria-labelledby="doctor-letters">
        <h2 id="doctor-letters">{t('international.doctor.letters')}</h2>
        {c.letters.length === 0 ? <p>{t('international.doctor.noLetters')}</p> : null}
        <ul className="plain-list">
          {c.letters.map((l) => (
            <Letter key={l.id} letter={l} token={token} caseId={id} />
          ))}
        </ul>
      </section>
      <LetterForm token={token} caseId={id} />
    </div>
  );
}

function Letter({ letter: l, token, caseId }: { letter: RequestReply; token: string; caseId: string }) {
  const { t, i18n } = useTranslation();
  const download = useMutation({
    mutationFn: (file: { filename: string }) => downloadFile(token, caseId, l.id, file.filename),
  });
  return (
    <li className="card">
      <h3>
        {t(l.author === 'doctor' ? 'international.doctor.fromYou' : 'international.doctor.fromCenter')} —{' '}
        {new Date(l.createdAt).toLocaleString(i18n.language)}
      </h3>
      <p>{l.body}</p>
      {l.attachment ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => l.attachment && download.mutate(l.attachment)}
            disabled={download.isPending}
          >
            {t('international.doctor.download', {
              name: l.attachment.filename,
              size: Math.max(1, Math.round(l.attachment.sizeBytes / 1024)),
            })}
          </button>
        </p>
      ) : null}
      {download.isError ? (
        <ErrorMessage>
          {isApiError(download.error) && download.error.code === 'doctor_link_invalid'
            ? t('international.doctor.invalid')
            : messageForError(t, download.error)}
        </ErrorMessage>
      ) : null}
    </li>
  );
}

const FIELDS = ['body', 'files'] as const;

function LetterForm({ token, caseId }: { token: string; caseId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const send = useMutation({
    mutationFn: () => sendLetter(token, caseId, body.trim(), file),
    onSuccess: (data: DoctorCase) => {
      client.setQueryData(['international', 'doctor-case', caseId], data);
      setBody('');
      setFile(null);
      setInputKey((k) => k + 1);
    },
    onError: (err) =>
      isApiError(err) && err.code === 'doctor_link_invalid'
        ? fail({}, [t('international.doctor.invalid')])
        : failWith(err),
  });
  const formId = 'doctor-letter';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (send.isPending) return;
    clear();
    const problems: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!body.trim()) problems.body = t('international.doctor.bodyRequired');
    if (file && file.size > MAX_LETTER_MB * 1024 * 1024) {
      problems.files = t('international.doctor.tooLarge', { mb: MAX_LETTER_MB });
    } else if (file && !/\.pdf$/i.test(file.name) && file.type !== 'application/pdf') {
      problems.files = t('international.doctor.pdfOnly');
    }
    if (Object.keys(problems).length > 0) return fail(problems);
    send.mutate();
  };
  const fileId = fieldId(formId, 'files');
  return (
    <form id={formId} className="card" noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('international.doctor.write')}</h2>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      {send.isSuccess ? <Notice tone="success">{t('international.doctor.sent')}</Notice> : null}
      <TextAreaField
        formId={formId}
        name="body"
        label={t('international.doctor.body')}
        rows={6}
        maxLength={10000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errors.fields.body}
      />
      <div className={errors.fields.files ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor={fileId}>
          {t('international.doctor.file')}
        </label>
        <div className="field__hint" id={`${fileId}-hint`}>
          {t('international.doctor.fileHint', { mb: MAX_LETTER_MB })}
        </div>
        {errors.fields.files ? (
          <p className="field__error" id={`${fileId}-error`}>
            <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
            {errors.fields.files}
          </p>
        ) : null}
        <input
          key={inputKey}
          id={fileId}
          name="files"
          type="file"
          accept=".pdf,application/pdf"
          aria-describedby={`${fileId}-hint${errors.fields.files ? ` ${fileId}-error` : ''}`}
          aria-invalid={errors.fields.files ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <SubmitButton pending={send.isPending}>{t('international.doctor.send')}</SubmitButton>
    </form>
  );
}
