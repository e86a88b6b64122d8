import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { pickerLanguages, setLanguage } from '../i18n';
import { notePickedSignedOut, savePickedLanguage } from '../i18n/account';
import { endonym } from '../ui/format';
import { useApi, useSession } from '../session/context';

/**
 * The page language, each choice written in its own language. The choice is kept in this
 * browser and, for anyone signed in, on the account (a patient's record's preferred language,
 * which emails and statements follow); see ../i18n/account.ts for the rule at sign-in.
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const languages = pickerLanguages(i18n.language);
  if (languages.length < 2) return null;

  const choose = (next: string) => {
    void setLanguage(next);
    if (!session) {
      notePickedSignedOut();
      return;
    }
    // The page has already switched; saving is a best effort that choosing again retries.
    savePickedLanguage(api, session, next).then(
      (saved) => {
        if (saved) queryClient.setQueryData(['profile', 'details'], saved);
      },
      () => undefined,
    );
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
