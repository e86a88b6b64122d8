import type { ChecklistItem, DocumentCategory } from '@portico/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './opinions.css';
import { tusUpload, UploadFailed, type UploadAuth } from './upload';

const CATEGORIES: DocumentCategory[] = ['records', 'imaging', 'labs', 'precert', 'other'];

/**
 * Choose a file and what it is, then send it with a real progress bar. Large DICOM studies go in
 * chunks; a dropped chunk is resumed from where the server says it stopped.
 */
export function Uploader(props: { requestId: string; auth: UploadAuth; needs?: ChecklistItem[]; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [what, setWhat] = useState<string>('records');
  const [sent, setSent] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const openNeeds = (props.needs ?? []).filter((n) => n.kind === 'need' && n.state === 'missing');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || sent !== null) {
      if (!file) setMessage({ tone: 'error', text: t('opinions.upload.chooseFile') });
      return;
    }
    setMessage(null);
    setSent(0);
    const needId = what.startsWith('need:') ? what.slice(5) : '';
    const category = needId ? 'records' : what;
    try {
      await tusUpload(props.requestId, file, { category, needId }, props.auth, setSent);
      setMessage({ tone: 'ok', text: t('opinions.upload.done', { name: file.name }) });
      setFile(null);
      props.onDone();
    } catch (err) {
      const text = err instanceof UploadFailed && err.message ? err.message : t('opinions.upload.failed');
      setMessage({ tone: 'error', text });
    } finally {
      setSent(null);
    }
  };

  const percent = file && sent !== null ? Math.min(100, Math.round((sent / Math.max(1, file.size)) * 100)) : 0;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('opinions.upload.title')}</h2>
      <p className="field__hint">{t('opinions.upload.hint')}</p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-what`}>
          {t('opinions.upload.what')}
        </label>
        <select id={`${id}-what`} className="input" value={what} onChange={(e) => setWhat(e.target.value)}>
          {openNeeds.map((n) => (
            <option key={n.key} value={n.key}>
              {t('opinions.upload.forNeed', { label: n.label ?? '' })}
            </option>
          ))}
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`opinions.category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-file`}>
          {t('opinions.upload.file')}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,.dcm,application/pdf,image/jpeg,image/png,application/dicom"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      {sent !== null ? (
        <div className="progress">
          <label className="progress__label" htmlFor={`${id}-progress`}>
            <span>{t('opinions.upload.progress', { name: file?.name ?? '' })}</span>
            <span className="progress__percent" aria-hidden="true">
              {t('opinions.upload.percent', { percent })}
            </span>
          </label>
          <progress id={`${id}-progress`} className="progress__bar" max={100} value={percent}>
            {t('opinions.upload.percent', { percent })}
          </progress>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className={message?.tone === 'error' ? 'field__error' : undefined}>
        {message?.text ?? ''}
      </p>
      <button type="submit" className="button" disabled={sent !== null}>
        {t('opinions.upload.send')}
      </button>
    </form>
  );
}
