import i18n from 'i18next';
import type { Profile, SessionInfo } from '@portico/contracts';
import type { ApiClient } from '../api';
import type { SessionStore } from '../session/store';
import { isPseudoLocale } from './catalogs';
import { matchLanguage, setLanguage } from './index';

/**
 * The language kept on the account, and the rule that joins it to this browser's choice
 * (docs/i18n.md, "How the app picks a language"). The account keeps the language its person last
 * chose in Portico, on any device; a patient record's preferred language is the care team's and
 * does not change the pages by itself. At sign-in:
 *
 * 1. A language picked on this page just before signing in wins, and is saved to the account.
 * 2. Otherwise the account's language replaces this browser's, when Portico has pages in it.
 * 3. An account with no language yet gets the page's language saved to it.
 * While signed in, every pick is saved to the account (and to a patient's own record). A page
 * opened with a session already running keeps this browser's choice. A pseudo-locale (a tester's
 * tool) is never replaced or saved.
 */
let pickedBeforeSignIn = false;

/** The picker was used while nobody was signed in (rule 1). */
export function notePickedSignedOut(): void {
  pickedBeforeSignIn = true;
}

async function saveOnAccount(api: ApiClient, session: SessionInfo, lng: string): Promise<void> {
  if (session.user.language !== lng) await api.put<SessionInfo>('/api/auth/language', { language: lng });
}

/**
 * A language the person picked: saved on the account and, for a patient signed in to their own
 * record (never a child's record opened as a proxy), as the record's preferred language, which
 * emails and statements follow. Returns the saved profile when the record was changed.
 */
export async function savePickedLanguage(api: ApiClient, session: SessionInfo, lng: string): Promise<Profile | null> {
  if (isPseudoLocale(lng)) return null;
  await saveOnAccount(api, session, lng);
  const own = session.user.role === 'patient' ? session.user.patientId : null;
  if (!own) return null;
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
    const picked = pickedBeforeSignIn;
    pickedBeforeSignIn = false;
    if (isPseudoLocale(current)) return;
    // Saving is a best effort: the page already shows the right language.
    if (picked) savePickedLanguage(api, session, current).catch(() => undefined);
    else if (session.user.language === null) saveOnAccount(api, session, current).catch(() => undefined);
    else {
      const fromAccount = matchLanguage(session.user.language);
      if (fromAccount && fromAccount !== current) void setLanguage(fromAccount);
    }
  });
}
