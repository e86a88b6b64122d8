#!/usr/bin/env node
// @ts-check
/**
 * Checks every message catalog against English (run by `npm run lint`):
 *   - each file is ICU ("$format": "icu"; run scripts/i18n-to-icu.mjs first);
 *   - every message parses as ICU MessageFormat;
 *   - a translation has exactly English's keys (none missing, none extra);
 *   - a translation uses the same placeholders ({name}, {count, plural}, ...) as English;
 *   - every plural offers all the categories the language needs (Intl.PluralRules), plus "other";
 *   - a language with any file has a file beside every English one.
 * Exits 1 with one line per problem; prints a summary per language either way.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { findCatalogFiles, languageOfFile } from './i18n-to-icu.mjs';
import { isIcuCatalog, isObject, pluralCategories, FORMAT_KEY } from './lib/icu.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * @typedef {import('@formatjs/icu-messageformat-parser').MessageFormatElement} Element
 * @typedef {{ file: string, message: string }} Problem
 */

/** Flattens nested objects into dotted keys -> messages. @param {Record<string, unknown>} node */
export function flatten(node, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(node)) {
    if (!prefix && key === FORMAT_KEY) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
}

/**
 * The placeholders of a message as "name:kind" strings (kind: argument, number, date, time,
 * plural, select), and every plural's offered selectors.
 * @param {Element[]} elements
 * @param {Set<string>} [args]
 * @param {Array<{ name: string, selectors: string[] }>} [plurals]
 */
export function shape(elements, args = new Set(), plurals = []) {
  for (const el of elements) {
    if (el.type === TYPE.argument) args.add(`${el.value}:argument`);
    else if (el.type === TYPE.number) args.add(`${el.value}:number`);
    else if (el.type === TYPE.date) args.add(`${el.value}:date`);
    else if (el.type === TYPE.time) args.add(`${el.value}:time`);
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      args.add(`${el.value}:${el.type === TYPE.plural ? 'plural' : 'select'}`);
      if (el.type === TYPE.plural) plurals.push({ name: el.value, selectors: Object.keys(el.options) });
      for (const option of Object.values(el.options)) shape(option.value, args, plurals);
    } else if (el.type === TYPE.tag) {
      args.add(`<${el.value}>:tag`);
      shape(el.children, args, plurals);
    }
  }
  return { args, plurals };
}

/**
 * Checks one language's catalog against the English one it sits beside.
 * @param {{ file: string, lang: string, catalog: unknown, english: unknown | null }} input
 * @returns {Problem[]}
 */
export function checkCatalog({ file, lang, catalog, english }) {
  /** @type {Problem[]} */
  const problems = [];
  const say = (/** @type {string} */ message) => problems.push({ file, message });
  if (!isObject(catalog)) return [{ file, message: 'is not a JSON object' }];
  if (!isIcuCatalog(catalog)) {
    say('is not ICU yet: run `node scripts/i18n-to-icu.mjs` (it adds "$format": "icu")');
    return problems;
  }
  const needed = pluralCategories(lang);
  const mine = flatten(catalog);
  const theirs = english !== null && isObject(english) ? flatten(english) : null;
  for (const [key, message] of mine) {
    if (typeof message !== 'string') {
      say(`${key}: must be a string`);
      continue;
    }
    let ast;
    try {
      ast = parse(message, { ignoreTag: true, requiresOtherClause: true });
    } catch (err) {
      say(`${key}: invalid ICU message (${err instanceof Error ? err.message : String(err)}): ${message}`);
      continue;
    }
    const { args, plurals } = shape(ast);
    for (const plural of plurals) {
      const missing = needed.filter((c) => !plural.selectors.includes(c));
      if (missing.length > 0) say(`${key}: plural {${plural.name}} lacks ${missing.join(', ')} (needed in ${lang})`);
    }
    if (!theirs || lang === 'en') continue;
    const source = theirs.get(key);
    if (source === undefined) {
      say(`${key}: not in English (remove it, or add it to en.json first)`);
      continue;
    }
    if (typeof source !== 'string') continue;
    let englishArgs;
    try {
      englishArgs = shape(parse(source, { ignoreTag: true })).args;
    } catch {
      continue; // reported when English itself is checked
    }
    const lacks = [...englishArgs].filter((a) => !args.has(a));
    const adds = [...args].filter((a) => !englishArgs.has(a));
    if (lacks.length > 0 || adds.length > 0) {
      const show = (/** @type {string[]} */ list) => list.map((a) => `{${a.replace(/:argument$/, '')}}`).join(' ');
      say(
        `${key}: placeholders differ from English` +
          (lacks.length ? `; missing ${show(lacks)}` : '') +
          (adds.length ? `; extra ${show(adds)}` : ''),
      );
    }
  }
  if (theirs && lang !== 'en') {
    for (const key of theirs.keys()) if (!mine.has(key)) say(`${key}: missing (English has it)`);
  }
  return problems;
}

/**
 * Checks every catalog under root. Returns the problems and a per-language summary.
 * @param {string} root
 */
export async function checkAll(root = ROOT) {
  const files = await findCatalogFiles(root);
  /** @type {Problem[]} */
  const problems = [];
  /** @type {Map<string, { files: number, problems: number }>} */
  const summary = new Map();
  /** @type {Map<string, Set<string>>} folder -> languages present */
  const byFolder = new Map();
  for (const file of files) {
    const lang = /** @type {string} */ (languageOfFile(file));
    const folder = dirname(file);
    byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(lang));
    const rel = relative(root, file);
    let catalog;
    try {
      catalog = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      problems.push({ file: rel, message: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` });
      continue;
    }
    let english = null;
    if (lang !== 'en') {
      try {
        english = JSON.parse(await readFile(join(folder, 'en.json'), 'utf8'));
      } catch {
        problems.push({ file: rel, message: 'has no en.json beside it' });
      }
    }
    const found = checkCatalog({ file: rel, lang, catalog, english });
    problems.push(...found);
    const s = summary.get(lang) ?? { files: 0, problems: 0 };
    s.files += 1;
    s.problems += found.length;
    summary.set(lang, s);
  }
  // A language that has started on one side (web or server) must cover every folder English
  // covers on that side.
  const side = (/** @type {string} */ folder) => relative(root, folder).split(/[\\/]/)[0];
  /** @type {Map<string, Set<string>>} */
  const languagesBySide = new Map();
  for (const [folder, present] of byFolder) {
    const set = languagesBySide.get(side(folder)) ?? new Set();
    for (const lang of present) set.add(lang);
    languagesBySide.set(side(folder), set);
  }
  for (const [folder, present] of byFolder) {
    if (!present.has('en')) continue;
    for (const lang of languagesBySide.get(side(folder)) ?? []) {
      if (present.has(lang)) continue;
      const rel = relative(root, join(folder, `${lang}.json`));
      problems.push({ file: rel, message: `missing (${lang} has catalogs elsewhere; English has this one)` });
      const s = summary.get(lang) ?? { files: 0, problems: 0 };
      s.problems += 1;
      summary.set(lang, s);
    }
  }
  return { problems, summary, files: files.map((f) => basename(f)) };
}

async function main() {
  const { problems, summary } = await checkAll();
  for (const p of problems) console.error(`${p.file}: ${p.message}`);
  const langs = [...summary.keys()].sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
  for (const lang of langs) {
    const s = summary.get(lang);
    if (!s) continue;
    console.log(`catalogs ${lang}: ${s.files} files, ${s.problems === 0 ? 'ok' : `${s.problems} problems`}`);
  }
  if (langs.length === 1) console.log('catalogs: English only so far (translations not present in this checkout)');
  if (problems.length > 0) {
    console.error(`catalogs: ${problems.length} problems`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
