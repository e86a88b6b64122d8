import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, SessionState } from '@portico/contracts';
import { useApi, useSessionSnapshot, useSessionStore } from '../session/context';
import { useSignOut } from '../session/useSignOut';
import { messageForError } from '../errors';
import { formatCountdown } from '../ui/format';
import { formattingLocale } from '../i18n';
import { useNowNear } from './useCountdown';
import { IdleDialog } from './IdleDialog';

const WARN_BEFORE_MS = 2 * 60_000;
/** With very short idle timeouts (test setups), warn halfway instead of at once. */
const warnBefore = (idleSeconds: number) => Math.min(WARN_BEFORE_MS, (idleSeconds * 1000) / 2);
const ANNOUNCE_STEP_MS = 30_000;
const RECHECK_EVERY_MS = 5_000;

/**
 * Two minutes before the session would end for inactivity, asks whether to stay signed in.
 * At the deadline it confirms with the server (another tab may have kept the session alive;
 * reading the session does not extend it) and otherwise ends the session here.
 */
export function IdleWarning() {
  const { t, i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  const api = useApi();
  const store = useSessionStore();
  const signOut = useSignOut();
  const { idleDeadline, absoluteDeadline, session } = useSessionSnapshot();
  const warnMs = warnBefore(session?.idleTimeoutSeconds ?? 900);
  const deadline = Math.min(idleDeadline, absoluteDeadline);
  const atTimeLimit = absoluteDeadline <= idleDeadline;
  const now = useNowNear(deadline, warnMs);
  const remaining = deadline - now;
  const [dismissedFor, setDismissedFor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastCheck = useRef(0);

  useEffect(() => {
    if (remaining > 0 || Date.now() - lastCheck.current < RECHECK_EVERY_MS) return;
    lastCheck.current = Date.now();
    api.get<SessionState>('/api/auth/session').then(
      (state) => store.set(state.session),
      () => store.end('expired'),
    );
  }, [remaining, api, store]);

  const open = remaining <= warnMs && dismissedFor !== deadline;

  const stay = async () => {
    if (atTimeLimit) {
      setDismissedFor(deadline);
      return;
    }
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      store.set(await api.post<SessionInfo>('/api/auth/session/refresh'));
    } catch (err) {
      setError(messageForError(t, err));
    } finally {
      setBusy(false);
    }
  };

  // The screen reader hears the time in 30-second steps; the screen shows every second.
  const spoken = formatCountdown(Math.ceil(Math.max(remaining, 0) / ANNOUNCE_STEP_MS) * ANNOUNCE_STEP_MS, locale);
  return (
    <IdleDialog
      open={open}
      atTimeLimit={atTimeLimit}
      visibleTime={formatCountdown(remaining, locale)}
      spokenTime={spoken}
      error={error}
      busy={busy}
      onStay={() => void stay()}
      onSignOut={() => void signOut()}
    />
  );
}
