import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { MESSAGE_BODY_MAX } from '@portico/contracts';
import { useReply } from './api';
import { AttachmentPicker } from './AttachmentPicker';
import { fileProblem, tooLong } from './sendErrors';
import { UploadProgress } from './UploadProgress';
import { TextAreaField } from '../../app/forms/Field';

const FIELDS = ['body', 'files'] as const;

interface ReplyFormProps {
  threadId: string;
  maxBytes: number;
  maxFiles: number;
}

/** Write back in the same conversation, with files if needed; says so when it has gone. */
export function ReplyForm({ threadId, maxBytes, maxFiles }: ReplyFormProps) {
  const { t, i18n } = useTranslation();
  const form = `reply-${threadId}`;
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState('');
  const textarea = useRef<HTMLFormElement>(null);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const reply = useReply(threadId);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reply.isPending) return;
    setSent('');
    if (body.trim() === '') {
      fail({ body: t('messages.validation.body') });
      return;
    }
    if (body.trim().length > MESSAGE_BODY_MAX) {
      fail({ body: tooLong(t, i18n.language, body.trim()) });
      return;
    }
    clear();
    const count = files.length;
    reply.mutate(
      { body: body.trim(), files },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          setSent(t('messages.reply.sent', { count }));
          textarea.current?.querySelector('textarea')?.focus();
        },
        onError: (error) => {
          const files = fileProblem(t, error, i18n.resolvedLanguage);
          if (files) fail({ files });
          else failWith(error);
        },
      },
    );
  };

  return (
    <section className="section msg-reply" aria-labelledby={`${form}-title`}>
      <h2 id={`${form}-title`}>{t('messages.reply.title')}</h2>
      <ErrorSummary formId={form} errors={errors} order={FIELDS} />
      <form ref={textarea} className="form" onSubmit={onSubmit} noValidate>
        <TextAreaField
          formId={form}
          name="body"
          label={t('messages.reply.label')}
          rows={5}
          limit={MESSAGE_BODY_MAX}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          error={errors.fields.body}
        />
        <AttachmentPicker
          formId={form}
          files={files}
          onChange={setFiles}
          maxBytes={maxBytes}
          maxFiles={maxFiles}
          error={errors.fields.files}
        />
        <UploadProgress progress={reply.progress} files={files.length} />
        <SubmitButton pending={reply.isPending}>{t('messages.reply.submit')}</SubmitButton>
      </form>
      <p className="msg-sent" role="status">
        {sent}
      </p>
    </section>
  );
}
