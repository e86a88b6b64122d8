/**
 * Finds the message catalogs at build time and loads one language's catalogs on demand.
 *
 * Every `web/src/app/i18n/<lang>.json` and `web/src/features/<feature>/<lang>.json` becomes its own
 * chunk; a language appears in the app as soon as its core file (`app/i18n/<lang>.json`) exists,
 * with no code change. The feature files sit under their feature's camelCase name
 * (`find-doctor` -> `findDoctor`).
 */
import { PSEUDO_LOCALES, type PseudoLocale } from './pseudo';

type Catalog = Record<string, unknown>;
type Loader = () => Promise<Catalog>;

/** The languages Portico is written for, in the order the picker lists them. */
export const SUPPORTED_LANGUAGES = ['en', 'es', 'pt-BR', 'zh-Hans', 'ar', 'ht', 'vi', 'ru'] as const;

const real = import.meta.glob<Catalog>(['/src/app/i18n/*.json', '/src/features/*/*.json'], { import: 'default' });
const pseudoLoaders: Record<PseudoLocale, Record<string, Loader>> = {
  'en-XA': import.meta.glob<Catalog>(['/src/app/i18n/en.json', '/src/features/*/en.json'], {
    import: 'default',
    query: '?pseudo=en-XA',
  }),
  'ar-XB': import.meta.glob<Catalog>(['/src/app/i18n/en.json', '/src/features/*/en.json'], {
    import: 'default',
    query: '?pseudo=ar-XB',
  }),
};

const PATH = /^\/src\/(?:app\/i18n|features\/([^/]+))\/([^/?]+)\.json(?:\?.*)?$/;

interface Entry {
  /** Where the catalog's keys go: '' for the core file, else the feature's camelCase name. */
  namespace: string;
  load: Loader;
}

function camel(feature: string): string {
  return feature.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

function index(loaders: Record<string, Loader>): Map<string, Entry[]> {
  const byLanguage = new Map<string, Entry[]>();
  for (const [path, load] of Object.entries(loaders)) {
    const match = PATH.exec(path);
    if (!match) continue;
    const [, feature, lang] = match;
    if (!lang) continue;
    const entries = byLanguage.get(lang) ?? [];
    entries.push({ namespace: feature ? camel(feature) : '', load });
    byLanguage.set(lang, entries);
  }
  return byLanguage;
}

const byLanguage = index(real);

export function isPseudoLocale(lng: string): lng is PseudoLocale {
  return lng in PSEUDO_LOCALES;
}

/** Languages whose catalogs exist in this build (English always), in picker order. */
export const availableLanguages: readonly string[] = SUPPORTED_LANGUAGES.filter((lng) =>
  (byLanguage.get(lng) ?? []).some((entry) => entry.namespace === ''),
);

/** Whether a language (or pseudo-locale) can be loaded. */
export function canLoad(lng: string): boolean {
  return availableLanguages.includes(lng) || isPseudoLocale(lng);
}

/**
 * Loads every catalog of one language and merges them into one resource object. A feature file
 * that a language lacks is taken from English, so a half-translated build still shows words.
 */
export async function loadLanguage(lng: string): Promise<Catalog> {
  const english = byLanguage.get('en') ?? [];
  const own = isPseudoLocale(lng) ? (index(pseudoLoaders[lng]).get('en') ?? []) : (byLanguage.get(lng) ?? []);
  const present = new Set(own.map((e) => e.namespace));
  const entries = [...own, ...english.filter((e) => !present.has(e.namespace))];
  const parts = await Promise.all(entries.map(async (e) => ({ namespace: e.namespace, catalog: await e.load() })));
  const merged: Catalog = {};
  for (const { namespace, catalog } of parts) {
    if (namespace === '') Object.assign(merged, catalog);
    else merged[namespace] = catalog;
  }
  delete merged.$format;
  return merged;
}
