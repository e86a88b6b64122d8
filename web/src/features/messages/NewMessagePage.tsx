import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MESSAGE_BODY_MAX, type MessageOptions, type MessageTopic, type NewThreadBody } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { Loading } from '../../app/ui/Loading';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useMessageOptions, useStartThread } from './api';
import { AttachmentPicker } from './AttachmentPicker';
import { LoadProblem } from '../sharing';
import { ResponseTime } from './ResponseTime';
import { fileProblem, tooLong } from './sendErrors';
import { UploadProgress } from './UploadProgress';
import './messages.css';

const FORM = 'new-message';
const FIELDS = ['recipient', 'topic', 'subject', 'body', 'files'] as const;
type Field = (typeof FIELDS)[number];
const TOPICS: readonly MessageTopic[] = ['question', 'appointment', 'medication', 'billing', 'technical'];
const INITIAL: Record<Exclude<Field, 'files'>, string> = { recipient: '', topic: 'question', subject: '', body: '' };

/** What the router passes to the conversation page after sending. */
export interface SentState {
  sentFiles: number;
}

function draftFrom(params: URLSearchParams): typeof INITIAL {
  const topic = params.get('topic') ?? '';
  return {
    ...INITIAL,
    topic: (TOPICS as readonly string[]).includes(topic) ? topic : INITIAL.topic,
    subject: (params.get('subject') ?? '').slice(0, 150),
  };
}

/** Start a conversation with a clinician or a care team, with pictures or PDFs if needed. */
export function NewMessagePage() {
  const { t } = useTranslation();
  const options = useMessageOptions();
  return (
    <div className="narrow-wide">
      <p className="msg-back">
        <Link to="/messages">{t('messages.backToList')}</Link>
      </p>
      <PageTitle>{t('messages.new.title')}</PageTitle>
      {options.isLoading ? <Loading /> : null}
      {options.isError ? (
        <LoadProblem lead={t('messages.loadError')} error={options.error} retry={() => void options.refetch()} />
      ) : null}
      {options.data ? <NewMessageForm options={options.data} /> : null}
    </div>
  );
}

function NewMessageForm({ options }: { options: MessageOptions }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Other pages may open a draft: ?topic=billing&subject=… (e.g. "My plan is not listed").
  const [params] = useSearchParams();
  const [initial] = useState(() => draftFrom(params));
  const { values, set } = useFormValues(initial);
  const [files, setFiles] = useState<File[]>([]);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const start = useStartThread();
  const nobody = options.clinicians.length === 0 && options.pools.length === 0;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (start.isPending) return;
    const problems: FieldErrors<Field> = {};
    if (!values.recipient) problems.recipient = t('messages.validation.recipient');
    if (!values.subject.trim()) problems.subject = t('messages.validation.subject');
    if (!values.body.trim()) problems.body = t('messages.validation.body');
    else if (values.body.trim().length > MESSAGE_BODY_MAX)
      problems.body = tooLong(t, i18n.language, values.body.trim());
    if (Object.keys(problems).length > 0) {
      fail(problems);
      return;
    }
    clear();
    const [kind, id] = values.recipient.split(':');
    const body: NewThreadBody = {
      topic: values.topic as MessageTopic,
      subject: values.subject.trim(),
      body: values.body.trim(),
      ...(kind === 'pool' ? { poolId: id } : { clinicianId: id }),
    };
    const sentFiles = files.length;
    start.mutate(
      { body, files },
      {
        onSuccess: (thread) => void navigate(`/messages/${thread.id}`, { state: { sentFiles } satisfies SentState }),
        onError: (error) => {
          const problem = fileProblem(t, error, i18n.resolvedLanguage);
          if (problem) fail({ files: problem });
          else failWith(error);
        },
      },
    );
  };

  return (
    <>
      <ResponseTime options={options} />
      {nobody ? (
        <Notice title={t('messages.new.nobodyTitle')}>
          <p>{t('messages.new.nobody')}</p>
        </Notice>
      ) : (
        <>
          <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
          <form className="form" onSubmit={onSubmit} noValidate>
            <SelectField
              formId={FORM}
              name="recipient"
              label={t('messages.new.recipient')}
              hint={t('messages.new.recipientHint')}
              value={values.recipient}
              onChange={(event) => set('recipient', event.target.value)}
              error={errors.fields.recipient}
            >
              <option value="">{t('common.choose')}</option>
              {options.clinicians.length > 0 ? (
                <optgroup label={t('messages.new.clinicians')}>
                  {options.clinicians.map((c) => (
                    <option key={c.id} value={`clinician:${c.id}`}>
                      {t('messages.new.clinicianOption', { name: c.name, specialty: c.specialty })}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {options.pools.length > 0 ? (
                <optgroup label={t('messages.new.pools')}>
                  {options.pools.map((p) => (
                    <option key={p.id} value={`pool:${p.id}`}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </SelectField>
            <SelectField
              formId={FORM}
              name="topic"
              label={t('messages.new.topic')}
              value={values.topic}
              onChange={(event) => set('topic', event.target.value)}
              error={errors.fields.topic}
            >
              {TOPICS.map((topic) => (
                <option key={topic} value={topic}>
                  {t(`messages.topics.${topic}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              formId={FORM}
              name="subject"
              label={t('messages.new.subject')}
              maxLength={150}
              value={values.subject}
              onChange={(event) => set('subject', event.target.value)}
              error={errors.fields.subject}
            />
            <TextAreaField
              formId={FORM}
              name="body"
              label={t('messages.new.body')}
              hint={t('messages.new.bodyHint')}
              rows={7}
              limit={MESSAGE_BODY_MAX}
              value={values.body}
              onChange={(event) => set('body', event.target.value)}
              error={errors.fields.body}
            />
            <AttachmentPicker
              formId={FORM}
              files={files}
              onChange={setFiles}
              maxBytes={options.maxAttachmentBytes}
              maxFiles={options.maxAttachments}
              error={errors.fields.files}
            />
            <UploadProgress progress={start.progress} files={files.length} />
            <SubmitButton pending={start.isPending}>{t('messages.new.submit')}</SubmitButton>
          </form>
        </>
      )}
    </>
  );
}
