/**
 * Every language a person may ask an interpreter for, named by Intl.DisplayNames in the reader's
 * language (no hand-written names). ISO 639-1 codes, plus ISO 639-3 codes for languages US
 * interpreter services are often asked for that have no two-letter code.
 */
// prettier-ignore
const ISO_639_1 = (
  'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en ' +
  'eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ' +
  'ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my ' +
  'na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm ' +
  'sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** American Sign Language, Cantonese, Hmong, Cape Verdean Creole, Chuukese, Cebuano, Filipino, Ilocano, Karen, Mam, K'iche'. */
const EXTRA = ['ase', 'yue', 'hmn', 'kea', 'chk', 'ceb', 'fil', 'ilo', 'kar', 'mam', 'quc'];

/** Languages asked for most often here, offered first. */
export const COMMON_INTERPRETER_LANGUAGES = ['es', 'pt', 'ht', 'zh', 'yue', 'vi', 'ar', 'ru', 'kea', 'so', 'ase'];

export const INTERPRETER_LANGUAGE_CODES: readonly string[] = [...ISO_639_1, ...EXTRA];

export interface NamedLanguage {
  code: string;
  name: string;
}

/**
 * The languages with a name the browser knows in `locale`, sorted by that name. A language the
 * browser cannot name (it would show the bare code) is left out, unless it is `keep` (a choice
 * already made), which is then shown by its code.
 */
export function interpreterLanguages(locale: string, keep?: string | null): NamedLanguage[] {
  let names: Intl.DisplayNames | null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
  } catch {
    names = null;
  }
  const collator = new Intl.Collator(locale);
  const list: NamedLanguage[] = [];
  for (const code of INTERPRETER_LANGUAGE_CODES) {
    const name = names?.of(code);
    if (name) list.push({ code, name: capitalise(name, locale) });
    else if (code === keep) list.push({ code, name: code });
  }
  if (keep && !list.some((l) => l.code === keep)) list.push({ code: keep, name: names?.of(keep) ?? keep });
  return list.sort((a, b) => collator.compare(a.name, b.name));
}

/** The page's language as the likely interpreter language (none for English pages). */
export function likelyInterpreterLanguages(pageLanguage: string, ...more: (string | null | undefined)[]): string[] {
  const base = (tag: string | null | undefined): string | null => {
    if (!tag) return null;
    try {
      return new Intl.Locale(tag).language;
    } catch {
      return null;
    }
  };
  const list = [...more.map(base), base(pageLanguage)].filter((c): c is string => c !== null && c !== 'en');
  return list.filter((c, i) => list.indexOf(c) === i);
}

/** Some languages write names in lower case ("español"); a list item starts with a capital. */
function capitalise(name: string, locale: string): string {
  try {
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return name;
  }
}

/** Letters without accents or case, so "espanol" finds "Español" and "creole" finds "Créole". */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
