import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './resources';

/**
 * Every user-visible string lives in a resource file per language. To add a language, add
 * `xx.json` with the same keys and list it here; the language picker appears by itself.
 */
export const resources = {
  en: { translation: en },
} as const;

export type LanguageCode = keyof typeof resources;
export const languages: readonly LanguageCode[] = ['en'];
const STORAGE_KEY = 'portico.language';

function isLanguage(value: string | null | undefined): value is LanguageCode {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function initialLanguage(): LanguageCode {
  const saved = safeStorageGet(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages) {
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function safeStorageGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
}

export function setLanguage(lng: LanguageCode): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  void i18n.changeLanguage(lng);
}

export function initI18n(): typeof i18n {
  i18n.on('languageChanged', applyToDocument);
  void i18n.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
    // No console messages from the library in people's browsers.
    showSupportNotice: false,
  });
  applyToDocument(i18n.language);
  return i18n;
}
