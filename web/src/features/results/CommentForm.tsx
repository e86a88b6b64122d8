import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultReport } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useCommentResult } from './api';

const FORM = 'result-comment';

/** The clinician's note to the patient, shown with the result. Saving it empty removes it. */
export function CommentForm({ report }: { report: ResultReport }) {
  const { t } = useTranslation();
  const [text, setText] = useState(report.comment?.text ?? '');
  const save = useCommentResult(report.id);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!save.isPending) save.mutate(text);
  };
  return (
    <section className="section panel" aria-labelledby={`${FORM}-title`}>
      <h2 id={`${FORM}-title`}>{t('results.care.comment.title')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextAreaField
          formId={FORM}
          name="comment"
          label={t('results.care.comment.label')}
          hint={t('results.care.comment.hint')}
          rows={4}
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={save.isError ? messageForError(t, save.error) : undefined}
        />
        <SubmitButton pending={save.isPending}>{t('results.care.comment.save')}</SubmitButton>
        <p role="status" className="res-saved">
          {save.isSuccess ? t(save.data.comment ? 'results.care.comment.saved' : 'results.care.comment.removed') : ''}
        </p>
      </form>
    </section>
  );
}
