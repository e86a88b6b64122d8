import { useTranslation } from 'react-i18next';
import type { CallSnapshot } from '../rtc/snapshot';

/**
 * The call's polite live region: who joined or left, who is waiting in the lobby, and lost or
 * restored connections. It is always on the page, so changes of its text are read out.
 */
export function Announcer({ snapshot }: { snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const last = snapshot.announcements[snapshot.announcements.length - 1];
  let text = '';
  if (snapshot.status === 'reconnecting') text = t('visit.announce.reconnecting');
  else if (last) text = t(`visit.announce.${last.kind}`, { name: last.name, role: t(`visit.roles.${last.role}`) });
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
