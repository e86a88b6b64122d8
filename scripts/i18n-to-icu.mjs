#!/usr/bin/env node
// @ts-check
/**
 * Converts message catalogs from i18next v4 JSON to ICU MessageFormat JSON.
 *
 *   node scripts/i18n-to-icu.mjs              every web/src/** /<lang>.json and server/src/i18n/<lang>.json
 *                                             not yet converted
 *   node scripts/i18n-to-icu.mjs FILE...      just these files
 *
 * A converted file starts with "$format": "icu"; files that have it are left alone, so running
 * the script again changes nothing. The file name (before .json) is the language tag.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertCatalog, isIcuCatalog, isObject } from './lib/icu.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The language tag a catalog file is named after, or null when the name is not a language. */
export function languageOfFile(file) {
  const name = basename(file).replace(/\.json$/, '');
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(name)) return null;
  try {
    return Intl.getCanonicalLocales(name)[0] ?? null;
  } catch {
    return null;
  }
}

/** Every catalog file in the repository: web/src/** /<lang>.json and server/src/i18n/<lang>.json. */
export async function findCatalogFiles(root = ROOT) {
  const files = [];
  /** @param {string} dir */
  async function walk(dir) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') await walk(full);
      } else if (entry.name.endsWith('.json') && languageOfFile(full)) {
        files.push(full);
      }
    }
  }
  await walk(join(root, 'web', 'src'));
  await walk(join(root, 'server', 'src', 'i18n'));
  return files.sort();
}

/**
 * Converts one file in place. Returns "converted", "already" or throws with the file named.
 * @param {string} file
 */
export async function convertFile(file) {
  const lang = languageOfFile(file);
  if (!lang) throw new Error(`${file}: the file name is not a language tag`);
  const catalog = JSON.parse(await readFile(file, 'utf8'));
  if (!isObject(catalog)) throw new Error(`${file}: a catalog must be a JSON object`);
  if (isIcuCatalog(catalog)) return 'already';
  let converted;
  try {
    converted = convertCatalog(catalog, lang);
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  await writeFile(file, `${JSON.stringify(converted, null, 2)}\n`);
  return 'converted';
}

async function main() {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args.map((f) => resolve(f)) : await findCatalogFiles();
  let converted = 0;
  let already = 0;
  let failed = 0;
  for (const file of files) {
    try {
      const result = await convertFile(file);
      if (result === 'converted') {
        converted++;
        console.log(`converted  ${relative(ROOT, file)}`);
      } else already++;
    } catch (err) {
      failed++;
      console.error(`FAILED     ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`${converted} converted, ${already} already ICU, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
