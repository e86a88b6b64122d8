import { useTranslation } from 'react-i18next';
import type { MessageOptions } from '@portico/contracts';
import { telHref } from '../../app/ui/format';

/** What to expect: when the care team answers, and what to do when it can't wait. */
export function ResponseTime({ options }: { options: Pick<MessageOptions, 'responseBusinessDays' | 'urgentPhone'> }) {
  const { t } = useTranslation();
  return (
    <aside className="help-box msg-expect" aria-labelledby="msg-expect-title">
      <h2 id="msg-expect-title" className="help-box__title">
        {t('messages.expect.title')}
      </h2>
      <p>{t('messages.expect.within', { count: options.responseBusinessDays })}</p>
      <p>
        {t('messages.expect.urgent')}{' '}
        <a className="phone-link" href={telHref(options.urgentPhone)}>
          {options.urgentPhone}
        </a>
      </p>
      <p className="msg-expect__emergency">{t('messages.expect.emergency')}</p>
    </aside>
  );
}
