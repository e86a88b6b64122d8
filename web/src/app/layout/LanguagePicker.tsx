import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Profile } from '@portico/contracts';
import { isPseudoLocale } from '../i18n/catalogs';
import { pickerLanguages, setLanguage } from '../i18n';
import { endonym } from '../ui/format';
import { useApi, useSession } from '../session/context';

/**
 * The page language, each choice written in its own language. The choice is kept in this
 * browser and, for a patient signed in to their own record, saved as the record's preferred
 * language, which is what emails and statements follow.
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const languages = pickerLanguages(i18n.language);
  if (languages.length < 2) return null;

  const saveToAccount = async (next: string) => {
    const own = session?.user.role === 'patient' ? session.user.patientId : null;
    if (!own || isPseudoLocale(next)) return;
    // /api/profile is the open record: never change someone else's (a child's) language.
    const profile = await api.get<Profile>('/api/profile');
    if (profile.patientId !== own || profile.preferredLanguage === next) return;
    const saved = await api.patch<Profile>('/api/profile', { preferredLanguage: next });
    queryClient.setQueryData(['profile', 'details'], saved);
  };

  const choose = (next: string) => {
    void setLanguage(next);
    // The page has already switched; saving is a best effort that choosing again retries.
    saveToAccount(next).catch(() => undefined);
  };

  return (
    <div className="field field--inline language-picker">
      <label className="field__label" htmlFor="language">
        {t('footer.language')}
      </label>
      <select id="language" className="input select" value={i18n.language} onChange={(e) => choose(e.target.value)}>
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {endonym(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
