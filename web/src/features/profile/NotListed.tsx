import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { telHref } from '../../app/ui/format';

/**
 * "My plan is not listed": no free-text plans (billing could not price them). The billing office
 * hears about it by secure message, or by phone.
 */
export function NotListed({ billingPhone }: { billingPhone: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const draft = `/messages/new?topic=billing&subject=${encodeURIComponent(t('profile.notListed.subject'))}`;
  return (
    <div className="pf-not-listed">
      <button
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        aria-controls="pf-not-listed"
        onClick={() => setOpen(!open)}
      >
        {t('profile.notListed.toggle')}
      </button>
      <div id="pf-not-listed" className="help-box" hidden={!open}>
        <p>
          <strong>{t('profile.notListed.title')}</strong>
        </p>
        <p>{t('profile.notListed.text')}</p>
        <p>
          <Link to={draft}>{t('profile.notListed.message')}</Link>
        </p>
        <p>
          {t('profile.notListed.call')}{' '}
          <a className="phone-link" href={telHref(billingPhone)}>
            {billingPhone}
          </a>
        </p>
      </div>
    </div>
  );
}
