import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LocalView } from '../rtc/snapshot';
import type { CallActions } from '../useVisitCall';

/** When the camera or microphone could not be opened: what happened and what to do, in plain words. */
export function MediaHelp({ local, actions }: { local: LocalView; actions: CallActions }) {
  const { t } = useTranslation();
  if (!local.problem) return null;
  const retry = () => {
    if (!local.hasAudio) actions.useMicrophone('');
    actions.useCamera('');
  };
  return (
    <div className="notice notice--warning vi-media-help" role="alert">
      <p className="notice__title">{t(`visit.media.${local.problem}.title`)}</p>
      <div className="notice__body">
        <p>{t(`visit.media.${local.problem}.body`)}</p>
        <p>{local.hasAudio ? t('visit.media.audioOnlyOk') : t('visit.media.phoneOk')}</p>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={retry}>
            {t('visit.media.retry')}
          </button>
          <Link className="button button--quiet" to="/device-check">
            {t('visit.deviceCheck.link')}
          </Link>
        </div>
      </div>
    </div>
  );
}
