import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/context';
import { PageTitle } from '../../app/ui/PageTitle';
import { DeviceCheckPanel } from './components/DeviceCheckPanel';

/** /device-check: open to everyone, signed in or not; nothing is saved. */
export function DeviceCheckPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <PageTitle>{t('deviceCheck.title')}</PageTitle>
      <p className="lede">{t('deviceCheck.intro')}</p>
      <DeviceCheckPanel level={2} organizationId={session?.user.organizationId ?? null} />
    </>
  );
}
