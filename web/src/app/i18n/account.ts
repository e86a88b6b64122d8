import i18n from 'i18next';
import type { Profile, SessionInfo } from '@portico/contracts';
import type { ApiClient } from '../api';
import type { SessionStore } from '../session/store';
import { isPseudoLocale } from './catalogs';
import { matchLanguage, setLanguage } from './index';

/**
 * The language saved on the account, and the rule that joins it to this browser's choice
 * (docs/i18n.md, "How the app picks a language"):
 *
 * 1. A language picked on this page before signing in wins at sign-in, and is saved to the account.
 * 2. Otherwise, at sign-in, the account's language (a patient's record's preferred language, or
 *    the one a staff member last picked) replaces this browser's, when Portico has it.
 * 3. An account with no language yet gets the page's language saved to it. A record's language
 *    Portico has no pages in is left alone (it is what the care team speaks).
 * While signed in, every pick is saved to the account. A page opened with a session already
 * running keeps this browser's choice (made at the last sign-in, or picked since).
 */
let pickedBeforeSignIn = false;

/** The picker was used: remember it if nobody is signed in yet (rule 1). */
export function notePickedSignedOut(): void {
  pickedBeforeSignIn = true;
}

/**
 * Saves a language on the signed-in account: the own patient record's preferred language for a
 * patient (never a child's record opened as a proxy), else the account's own language.
 * Returns the saved profile when a patient record was changed.
 */
export async function saveAccountLanguage(api: ApiClient, session: SessionInfo, lng: string): Promise<Profile | null> {
  if (isPseudoLocale(lng)) return null;
  const own = session.user.role === 'patient' ? session.user.patientId : null;
  if (!own) {
    if (session.user.language !== lng) await api.put<SessionInfo>('/api/auth/language', { language: lng });
    return null;
  }
  // /api/profile is the open record: never change someone else's (a child's) language.
  const profile = await api.get<Profile>('/api/profile');
  if (profile.patientId !== own || profile.preferredLanguage === lng) return null;
  return api.patch<Profile>('/api/profile', { preferredLanguage: lng });
}

/** Applies the rule above whenever someone signs in on this page (or in another tab). */
export function followAccountLanguage(store: SessionStore, api: ApiClient): () => void {
  let before = store.getSnapshot();
  return store.subscribe(() => {
    const now = store.getSnapshot();
    const previous = before;
    before = now;
    const session = now.session;
    // Only a sign-in: nobody was signed in on a page that had finished loading, now someone is.
    if (!session || previous.session || previous.status !== 'ready') return;
    const current = i18n.language;
    const fromAccount = matchLanguage(session.user.language);
    const picked = pickedBeforeSignIn;
    pickedBeforeSignIn = false;
    if (picked || session.user.language === null) {
      // The save is a best effort: the page already shows the right language.
      saveAccountLanguage(api, session, current).catch(() => undefined);
      return;
    }
    // A record's language Portico has no pages in (say, Somali) is for the care team: keep the page's.
    if (fromAccount && fromAccount !== current) void setLanguage(fromAccount);
  });
}
