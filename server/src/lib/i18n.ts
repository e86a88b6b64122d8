import { IntlMessageFormat } from 'intl-messageformat';
import ar from '../i18n/ar.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import es from '../i18n/es.json' with { type: 'json' };
import ht from '../i18n/ht.json' with { type: 'json' };
import ptBR from '../i18n/pt-BR.json' with { type: 'json' };
import ru from '../i18n/ru.json' with { type: 'json' };
import vi from '../i18n/vi.json' with { type: 'json' };
import zhHans from '../i18n/zh-Hans.json' with { type: 'json' };

/**
 * Server-side text (emails, calendar files, statements, receipts) in the recipient's language.
 * Catalogs are ICU MessageFormat JSON in server/src/i18n/<lang>.json, English complete; a key a
 * language lacks falls back to English. Static catalogs only: no translation service at run time.
 * To add a language: add its file, check it (node scripts/check-catalogs.mjs) and list it below.
 */
type Catalog = { [key: string]: string | Catalog };

const CATALOGS: Record<string, Catalog> = {
  en,
  es,
  'pt-BR': ptBR,
  'zh-Hans': zhHans,
  ar,
  ht,
  vi,
  ru,
};

/** Languages written right to left. */
const RTL = new Set(['ar']);

/**
 * What Intl is asked for, best first: Node's ICU has no Haitian Creole date and number data,
 * and French (Haiti's other official language) reads far better to a Kreyòl reader than English.
 */
const INTL_LOCALES: Record<string, string[]> = { ht: ['ht', 'fr-HT', 'fr'] };

/** English's keys, dotted: what callers may ask for. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? (K extends '$format' ? never : `${P}${K}`) : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof en>;

export type MessageValues = Record<string, string | number | Date>;

export interface Translator {
  /** The language actually used (one with a catalog). */
  readonly lang: string;
  /** Writing direction of that language. */
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: MessageValues): string;
  /** Weekday, date, time and zone of an instant, in a time zone ("Tuesday, March 3, 2026, 2:30 PM EST"). */
  dateTime(at: Date, timeZone: string): string;
  /** The calendar day of an instant in a time zone ("March 3, 2026"). */
  date(at: Date, timeZone: string): string;
  /** Integer cents of US dollars as this language writes money ("$25.00", "US$ 25,00"). */
  money(cents: number): string;
}

/** The languages with server catalogs. */
export function serverLanguages(): string[] {
  return Object.keys(CATALOGS);
}

/**
 * The catalog language for a stored preference: exact ("pt-BR"), else the same base language
 * ("pt" -> "pt-BR", "zh-CN" -> "zh-Hans"), else English.
 */
export function resolveLanguage(preferred: string | null | undefined): string {
  if (!preferred) return 'en';
  if (CATALOGS[preferred]) return preferred;
  let base: string;
  try {
    base = new Intl.Locale(preferred).language;
  } catch {
    return 'en';
  }
  return Object.keys(CATALOGS).find((code) => code.split('-')[0] === base) ?? 'en';
}

function lookup(catalog: Catalog | undefined, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Whether English has a message under this key (for keys built from stored codes). */
export function isMessageKey(key: string): key is MessageKey {
  return lookup(CATALOGS.en, key) !== undefined;
}

const cache = new Map<string, IntlMessageFormat>();

/** A translator for one recipient's preferred language. */
export function translator(preferred: string | null | undefined): Translator {
  const lang = resolveLanguage(preferred);
  const locales = INTL_LOCALES[lang] ?? [lang];
  return {
    lang,
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    t(key, values) {
      const own = lookup(CATALOGS[lang], key);
      const message = own ?? lookup(CATALOGS.en, key) ?? key;
      const locale = own === undefined ? ['en'] : locales;
      const id = `${locale.join(',')}\u0000${message}`;
      let format = cache.get(id);
      if (!format) {
        format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
        cache.set(id, format);
      }
      return String(format.format(values));
    },
    dateTime(at, timeZone) {
      return new Intl.DateTimeFormat(locales, {
        weekday: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone,
      }).format(at);
    },
    date(at, timeZone) {
      return new Intl.DateTimeFormat(locales, { dateStyle: 'long', timeZone }).format(at);
    },
    money(cents) {
      const text = new Intl.NumberFormat(locales, { style: 'currency', currency: 'USD' }).format(cents / 100);
      // Inside right-to-left text an amount is isolated, so "US$" and its digits stay together.
      return RTL.has(lang) ? `\u2066${text}\u2069` : text;
    },
  };
}
