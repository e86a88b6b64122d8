import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/ui/PageTitle';

function readEmail(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'email' in state && typeof state.email === 'string') {
    return state.email;
  }
  return null;
}

export function CheckEmailPage() {
  const { t } = useTranslation();
  const email = readEmail(useLocation().state);
  return (
    <div className="narrow">
      <PageTitle>{t('auth.checkEmail.title')}</PageTitle>
      <p className="lede">{email ? t('auth.checkEmail.sentTo', { email }) : t('auth.checkEmail.sent')}</p>
      <p>{t('auth.checkEmail.next')}</p>
      <p>{t('auth.checkEmail.notArrived')}</p>
      <p>
        <Link to="/signin">{t('auth.checkEmail.toSignIn')}</Link>
      </p>
    </div>
  );
}
