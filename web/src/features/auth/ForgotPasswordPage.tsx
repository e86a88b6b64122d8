import { useTranslation } from 'react-i18next';
import { EmailRequestForm } from './EmailRequestForm';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  return (
    <EmailRequestForm
      formId="forgot"
      endpoint="/api/auth/password-reset/request"
      text={{
        title: t('auth.forgot.title'),
        intro: t('auth.forgot.intro'),
        submit: t('auth.forgot.submit'),
        back: t('auth.forgot.back'),
        sentTitle: t('auth.forgot.sentTitle'),
        sent: (email) => t('auth.forgot.sent', { email }),
        sentNext: t('auth.forgot.sentNext'),
        sentBack: t('auth.checkEmail.toSignIn'),
      }}
    />
  );
}
