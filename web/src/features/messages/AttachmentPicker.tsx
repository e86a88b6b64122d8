import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../app/forms/fieldId';
import { formatBytes } from './format';

/** Pictures and PDFs; the server checks the bytes whatever the name or this list says. */
const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,image/heic,.heic,application/pdf,.pdf';

interface AttachmentPickerProps {
  formId: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  maxBytes: number;
  maxFiles: number;
  error?: string | undefined;
}

/**
 * Choose files to send, see each one's name and size, remove any before sending. Too large or
 * too many files are caught here, before anything is uploaded.
 */
export function AttachmentPicker({ formId, files, onChange, maxBytes, maxFiles, error }: AttachmentPickerProps) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [said, setSaid] = useState('');
  const id = fieldId(formId, 'files');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shown = [...problems, ...(error ? [error] : [])];
  const size = (bytes: number) => formatBytes(bytes, i18n.language);

  const add = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    event.target.value = '';
    const next = [...files];
    const found: string[] = [];
    for (const file of picked) {
      if (file.size === 0) found.push(t('messages.files.empty', { name: file.name }));
      else if (file.size > maxBytes) found.push(t('messages.files.tooLarge', { name: file.name, max: size(maxBytes) }));
      else if (next.length >= maxFiles) found.push(t('messages.files.tooMany', { name: file.name, count: maxFiles }));
      else next.push(file);
    }
    setProblems(found);
    const added = next.length - files.length;
    setSaid(added > 0 ? t('messages.files.added', { count: added }) : '');
    onChange(next);
  };

  const remove = (index: number) => {
    const file = files[index];
    onChange(files.filter((_, i) => i !== index));
    setProblems([]);
    setSaid(file ? t('messages.files.removed', { name: file.name }) : '');
    input.current?.focus();
  };

  return (
    <div className={shown.length > 0 ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {t('messages.files.label')}
      </label>
      <p className="field__hint" id={hintId}>
        {t('messages.files.hint', { count: maxFiles, max: size(maxBytes) })}
      </p>
      {shown.length > 0 ? (
        <div className="field__error" id={errorId}>
          {shown.map((message) => (
            <p key={message} className="msg-files__problem">
              <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
              {message}
            </p>
          ))}
        </div>
      ) : null}
      <input
        ref={input}
        id={id}
        type="file"
        name="files"
        multiple
        accept={ACCEPT}
        className="msg-files__input"
        aria-describedby={shown.length > 0 ? `${hintId} ${errorId}` : hintId}
        aria-invalid={shown.length > 0 ? true : undefined}
        onChange={add}
      />
      {files.length > 0 ? (
        <ul className="msg-files" aria-label={t('messages.files.chosen', { count: files.length })}>
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}-${index}`} className="msg-files__item">
              <span className="msg-files__name">{file.name}</span>
              <span className="msg-files__size">{size(file.size)}</span>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('messages.files.remove', { name: file.name })}
                onClick={() => remove(index)}
              >
                {t('messages.files.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </div>
  );
}
