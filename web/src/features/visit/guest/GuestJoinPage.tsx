import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestVisit } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { PageTitle } from '../../../app/ui/PageTitle';
import { useGuestCurrent } from '../api';
import { GuestNameForm } from './GuestNameForm';
import { GuestRoom } from './GuestRoom';
import '../visit.css';

/** The invitation token from the address's #fragment (browsers never send it to servers). */
function readToken(): string {
  return window.location.hash.replace(/^#/, '').trim();
}

/**
 * A guest or interpreter opens their invitation link: they give a name, wait in the lobby
 * until the clinician lets them in, then join the call. No account is needed.
 */
export function GuestJoinPage() {
  const { t } = useTranslation();
  const [token] = useState(readToken);
  // Take the token out of the address bar and history once read (no one should copy it on).
  useEffect(() => {
    if (token) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [token]);
  const [claimed, setClaimed] = useState<GuestVisit | null>(null);
  // After a reload the token is gone from the address, but the browser holds the guest cookie.
  const current = useGuestCurrent(token === '' && claimed === null);
  const visit = claimed ?? current.data ?? null;

  if (visit) return <GuestRoom visit={visit} />;
  return (
    <div className="vi-page">
      <PageTitle>{t('visit.guest.title')}</PageTitle>
      {token ? (
        <GuestNameForm token={token} onClaimed={setClaimed} />
      ) : current.isLoading ? (
        <Loading />
      ) : (
        <ErrorMessage>
          <p>{current.isError ? messageForError(t, current.error) : t('visit.guest.noLink')}</p>
          <p>{t('visit.guest.askAgain')}</p>
        </ErrorMessage>
      )}
    </div>
  );
}
