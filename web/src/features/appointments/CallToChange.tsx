import { useTranslation } from 'react-i18next';
import type { Appointment } from '@portico/contracts';
import { telHref } from '../../app/ui/format';

/** After the cut-off: changes go through the organization's phone line. */
export function CallToChange({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  return (
    <div className="help-box">
      <p>
        {t('appointments.detail.callToChange', { organization: appointment.organizationName })}{' '}
        <a className="phone-link" href={telHref(appointment.organizationPhone)}>
          {appointment.organizationPhone}
        </a>
      </p>
    </div>
  );
}
