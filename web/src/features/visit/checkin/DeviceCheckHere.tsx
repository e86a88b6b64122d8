import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/context';
import { DeviceCheckPanel } from '../../device-check';

/**
 * The device and connection check, right here at check-in: opened on request (it asks for the
 * camera), closed again before the visit starts so the call gets the camera to itself.
 */
export function DeviceCheckHere() {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="help-box vi-device-check">
      <p className="help-box__title">{t('visit.deviceCheck.title')}</p>
      <p>{t('visit.deviceCheck.body')}</p>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {open ? t('visit.deviceCheck.close') : t('visit.deviceCheck.open')}
      </button>
      <div id={panelId} hidden={!open}>
        {open ? <DeviceCheckPanel level={3} organizationId={session?.user.organizationId ?? null} /> : null}
      </div>
    </div>
  );
}
