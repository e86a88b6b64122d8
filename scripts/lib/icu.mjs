// @ts-check
/**
 * Shared rules for Portico's message catalogs: turning an i18next v4 catalog into ICU
 * MessageFormat, and the CLDR plural categories each language needs. Used by
 * scripts/i18n-to-icu.mjs, scripts/check-catalogs.mjs and the web build (pseudo-locale).
 */

/** Top-level key that marks a catalog file as already converted to ICU. */
export const FORMAT_KEY = '$format';
export const FORMAT_ICU = 'icu';

const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLURAL_KEY = /^(.+)_(zero|one|two|few|many|other)$/;

/**
 * The cardinal plural categories a language uses, in CLDR order ("other" always last).
 * @param {string} lang BCP 47 tag, e.g. "pt-BR"
 * @returns {string[]}
 */
export function pluralCategories(lang) {
  const found = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  return CATEGORY_ORDER.filter((c) => found.includes(/** @type {Intl.LDMLPluralRule} */ (c)));
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a parsed catalog file carries the "already ICU" mark. @param {unknown} catalog */
export function isIcuCatalog(catalog) {
  return isObject(catalog) && catalog[FORMAT_KEY] === FORMAT_ICU;
}

/**
 * Escapes literal text for ICU: braces and tag brackets are quoted, and an apostrophe is
 * doubled only where ICU would otherwise read it as the start of a quote (before a special
 * character, another apostrophe or a placeholder), so ordinary words like "can't" stay readable.
 * @param {string} text literal text (no placeholders)
 * @param {boolean} inPlural whether "#" is special here
 * @param {boolean} placeholderFollows whether a placeholder comes right after this text
 */
export function escapeLiteral(text, inPlural, placeholderFollows) {
  const special = inPlural ? /[{}<>#]/ : /[{}<>]/;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const next = text[i + 1];
      const risky = next === undefined ? placeholderFollows : next === "'" || special.test(next);
      out += risky ? "''" : "'";
    } else if (special.test(ch)) {
      // Quote a whole run of special characters at once: '{}' rather than '{''}'.
      let run = ch;
      while (i + 1 < text.length && special.test(text[i + 1])) run += text[++i];
      out += `'${run}'`;
    } else {
      out += ch;
    }
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*(-\s*)?([A-Za-z_$][\w$.]*)\s*(?:,\s*([A-Za-z]+)\s*)?\}\}/g;

/**
 * Converts one i18next v4 string to ICU: {{x}} -> {x}, {{x, number}} -> {x, number},
 * {{count}} inside a plural branch -> #, literal text escaped.
 * @param {string} text
 * @param {{ inPlural?: boolean, where?: string }} [options]
 */
export function convertText(text, options = {}) {
  const inPlural = options.inPlural ?? false;
  if (/\$t\(/.test(text)) {
    throw new Error(`${options.where ?? 'message'}: nested $t(...) has no ICU equivalent; write the text out in full`);
  }
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    out += escapeLiteral(text.slice(last, index), inPlural, true);
    const name = match[2];
    const format = match[3];
    if (format !== undefined && !['number', 'date', 'time'].includes(format)) {
      throw new Error(`${options.where ?? 'message'}: format "${format}" in {{${name}, ${format}}} is not supported`);
    }
    if (inPlural && name === 'count' && format === undefined) out += '#';
    else out += format === undefined ? `{${name}}` : `{${name}, ${format}}`;
    last = index + match[0].length;
  }
  out += escapeLiteral(text.slice(last), inPlural, false);
  return out;
}

/**
 * Converts a whole i18next v4 catalog (nested objects of strings) for one language to ICU.
 * Groups of plural keys (key_one, key_other, ...) collapse into one ICU plural on the base key,
 * which is what i18next-icu looks up. The result carries the "$format": "icu" mark first.
 * @param {Record<string, unknown>} catalog
 * @param {string} lang
 * @returns {Record<string, unknown>}
 */
export function convertCatalog(catalog, lang) {
  if (isIcuCatalog(catalog)) return catalog;
  const categories = pluralCategories(lang);
  return { [FORMAT_KEY]: FORMAT_ICU, ...convertNode(catalog, categories, '') };
}

/**
 * @param {Record<string, unknown>} node
 * @param {string[]} categories
 * @param {string} path
 * @returns {Record<string, unknown>}
 */
function convertNode(node, categories, path) {
  /** @type {Map<string, Map<string, string>>} */
  const groups = new Map();
  for (const [key, value] of Object.entries(node)) {
    const m = PLURAL_KEY.exec(key);
    if (m && typeof value === 'string') {
      const group = groups.get(m[1]) ?? new Map();
      group.set(m[2], value);
      groups.set(m[1], group);
    }
  }
  // A set of keys is a plural group only when it has the "other" form, as i18next requires.
  for (const [base, group] of groups) if (!group.has('other')) groups.delete(base);

  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    const where = path ? `${path}.${key}` : key;
    const m = PLURAL_KEY.exec(key);
    const group = m ? groups.get(m[1]) : undefined;
    if (m && group && typeof value === 'string') {
      if (m[1] in out) continue;
      if (m[1] in node) throw new Error(`${where}: both "${m[1]}" and its plural forms exist`);
      out[m[1]] = pluralMessage(group, categories, path ? `${path}.${m[1]}` : m[1]);
    } else if (typeof value === 'string') {
      out[key] = convertText(value, { where });
    } else if (isObject(value)) {
      out[key] = convertNode(value, categories, where);
    } else {
      throw new Error(`${where}: only strings and objects may appear in a catalog`);
    }
  }
  return out;
}

/**
 * @param {Map<string, string>} group
 * @param {string[]} categories
 * @param {string} where
 */
function pluralMessage(group, categories, where) {
  const branches = [];
  for (const category of CATEGORY_ORDER) {
    const text = group.get(category);
    if (text === undefined) continue;
    // i18next uses key_zero for a count of 0 in every language; ICU's "zero" category exists
    // only where CLDR has it (Arabic), so elsewhere it becomes an exact match.
    const selector = category === 'zero' && !categories.includes('zero') ? '=0' : category;
    branches.push(`${selector} {${convertText(text, { inPlural: true, where: `${where}_${category}` })}}`);
  }
  return `{count, plural, ${branches.join(' ')}}`;
}
