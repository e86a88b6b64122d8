import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadProgress as Progress } from './upload';

/** A determinate bar while files go up; the words say the same for screen readers. */
export function UploadProgress({ progress, files }: { progress: Progress | null; files: number }) {
  const { t } = useTranslation();
  const id = useId();
  if (!progress || files === 0) return null;
  const total = progress.total || 1;
  const percent = Math.min(100, Math.round((progress.loaded / total) * 100));
  const done = progress.total > 0 && progress.loaded >= progress.total;
  return (
    <div className="msg-progress">
      <label htmlFor={id} className="msg-progress__label">
        {done ? t('messages.upload.done', { count: files }) : t('messages.upload.sending', { count: files, percent })}
      </label>
      <progress id={id} max={100} value={percent}>
        {t('messages.upload.percent', { percent })}
      </progress>
    </div>
  );
}
