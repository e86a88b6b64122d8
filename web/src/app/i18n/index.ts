import i18n, { type BackendModule } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { availableLanguages, canLoad, isPseudoLocale, loadLanguage } from './catalogs';
import { PSEUDO_LOCALES } from './pseudo';

/**
 * Messages are ICU MessageFormat (i18next-icu), one catalog file per language and feature,
 * fetched only for the language in use (see catalogs.ts and docs/i18n.md).
 */
export { availableLanguages } from './catalogs';
export type LanguageCode = string;

/**
 * The languages the picker offers: those with catalogs, plus the pseudo-locales in development
 * or once one is in use (opened with ?lang=en-XA), so a tester can switch back and forth.
 */
export function pickerLanguages(current: string): readonly LanguageCode[] {
  return import.meta.env.DEV || isPseudoLocale(current)
    ? [...availableLanguages, ...Object.keys(PSEUDO_LOCALES)]
    : availableLanguages;
}

const STORAGE_KEY = 'portico.language';
const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ar-XB']);

/**
 * The best of our languages for a requested tag: exact, then same language with a different
 * region or script (pt -> pt-BR, zh-CN -> zh-Hans), else null.
 */
export function matchLanguage(tag: string | null | undefined): LanguageCode | null {
  if (typeof tag !== 'string' || tag === '') return null;
  if (canLoad(tag)) return tag;
  let base: string;
  try {
    base = new Intl.Locale(tag).language;
  } catch {
    return null;
  }
  if (base === 'zh') {
    // Traditional Chinese readers are better served by Simplified than by English.
    return availableLanguages.includes('zh-Hans') ? 'zh-Hans' : null;
  }
  return availableLanguages.find((code) => code.split('-')[0] === base) ?? null;
}

function initialLanguage(): LanguageCode {
  const fromLink = matchLanguage(new URLSearchParams(window.location.search).get('lang'));
  if (fromLink) return fromLink;
  const saved = matchLanguage(safeStorageGet(STORAGE_KEY));
  if (saved) return saved;
  for (const tag of navigator.languages) {
    const found = matchLanguage(tag);
    if (found) return found;
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

/** The text direction of a language. */
export function directionOf(lng: string): 'rtl' | 'ltr' {
  return RTL.has(lng) || RTL.has(lng.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

/** The locale used for Intl formatting: pseudo-locales format like their base language. */
export function formattingLocale(lng: string): string {
  return isPseudoLocale(lng) ? 'en' : lng;
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = directionOf(lng);
}

/** Switches the page language and remembers it in this browser. */
export function setLanguage(lng: LanguageCode): Promise<unknown> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  return i18n.changeLanguage(lng);
}

const lazyCatalogs: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _ns, callback) {
    loadLanguage(lng).then(
      (resources) => callback(null, resources),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

/** Starts i18n and resolves once the first language's catalogs have arrived. */
export async function initI18n(): Promise<typeof i18n> {
  i18n.on('languageChanged', applyToDocument);
  const lng = initialLanguage();
  applyToDocument(lng);
  await i18n
    .use(lazyCatalogs)
    .use(new ICU({ parseLngForICU: formattingLocale }))
    .use(initReactI18next)
    .init({
      lng,
      // Each language's chunk is complete (the build fills gaps from English), so only the active
      // language is fetched; English is not loaded behind it.
      fallbackLng: false,
      supportedLngs: [...availableLanguages, ...Object.keys(PSEUDO_LOCALES)],
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
      // No console messages from the library in people's browsers.
      showSupportNotice: false,
    });
  return i18n;
}
