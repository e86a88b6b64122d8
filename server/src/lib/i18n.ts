import { IntlMessageFormat } from 'intl-messageformat';
import en from '../i18n/en.json' with { type: 'json' };
import ptBR from '../i18n/pt-BR.json' with { type: 'json' };
import zhHans from '../i18n/zh-Hans.json' with { type: 'json' };

/**
 * Server-side text (emails, statements, receipts) in the recipient's language. Catalogs are
 * ICU MessageFormat JSON in server/src/i18n/<lang>.json, English complete; a key a language
 * lacks falls back to English. Static catalogs only: no translation service at run time.
 * To add a language: add its file, convert it (node scripts/i18n-to-icu.mjs) and list it below.
 */
type Catalog = { [key: string]: string | Catalog };

const CATALOGS: Record<string, Catalog> = { en, 'pt-BR': ptBR, 'zh-Hans': zhHans };

/** English's keys, dotted: what callers may ask for. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? (K extends '$format' ? never : `${P}${K}`) : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof en>;

export type MessageValues = Record<string, string | number | Date>;

export interface Translator {
  /** The language actually used (one with a catalog). */
  readonly lang: string;
  t(key: MessageKey, values?: MessageValues): string;
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

const cache = new Map<string, IntlMessageFormat>();

/** A translator for one recipient's preferred language. */
export function translator(preferred: string | null | undefined): Translator {
  const lang = resolveLanguage(preferred);
  return {
    lang,
    t(key, values) {
      const own = lookup(CATALOGS[lang], key);
      const message = own ?? lookup(CATALOGS.en, key) ?? key;
      const locale = own === undefined ? 'en' : lang;
      const id = `${locale}\u0000${message}`;
      let format = cache.get(id);
      if (!format) {
        format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
        cache.set(id, format);
      }
      return String(format.format(values));
    },
  };
}
