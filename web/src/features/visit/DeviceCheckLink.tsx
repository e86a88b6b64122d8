import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Points to the device and connection check (its own page; it opens in the same tab). */
export function DeviceCheckLink() {
  const { t } = useTranslation();
  return (
    <div className="help-box vi-device-check">
      <p className="help-box__title">{t('visit.deviceCheck.title')}</p>
      <p>{t('visit.deviceCheck.body')}</p>
      <p>
        <Link to="/device-check">{t('visit.deviceCheck.link')}</Link>
      </p>
    </div>
  );
}
