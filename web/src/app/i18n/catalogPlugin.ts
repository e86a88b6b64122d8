import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { PSEUDO_LOCALES, pseudoCatalog, type PseudoLocale } from './pseudo';

type Catalog = Record<string, unknown>;

function isCatalog(value: unknown): value is Catalog {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fills keys a translation lacks with the English text, so a late key never shows as a raw key. */
function fillFrom(english: Catalog, translated: Catalog): Catalog {
  const out: Catalog = {};
  for (const [key, value] of Object.entries(english)) {
    if (key === '$format') continue;
    const mine = translated[key];
    if (isCatalog(value)) out[key] = fillFrom(value, isCatalog(mine) ? mine : {});
    else out[key] = typeof mine === 'string' ? mine : value;
  }
  return out;
}

const CATALOG = /\/src\/(?:app\/i18n|features\/[^/]+)\/([A-Za-z0-9-]+)\.json$/;

/**
 * Build-time work on the message catalogs (see docs/i18n.md):
 * - `en.json?pseudo=en-XA` (or ar-XB) becomes the pseudo-locale made from that English file;
 * - every other language's file loses the "$format" mark and has missing keys filled from the
 *   English file beside it, so each language's chunk is complete on its own and only the active
 *   language is ever fetched.
 */
export function catalogPlugin(): Plugin {
  return {
    name: 'portico-catalogs',
    enforce: 'pre',
    transform(code, id) {
      const [file = '', query = ''] = id.split('?');
      const match = CATALOG.exec(file);
      if (!match) return null;
      const pseudo = new URLSearchParams(query).get('pseudo');
      const parsed: unknown = JSON.parse(code);
      if (!isCatalog(parsed)) return null;
      if (pseudo !== null) {
        if (!(pseudo in PSEUDO_LOCALES)) this.error(`Unknown pseudo-locale ${pseudo}`);
        return { code: JSON.stringify(pseudoCatalog(parsed, pseudo as PseudoLocale)), map: null };
      }
      if (match[1] === 'en') return { code: JSON.stringify(fillFrom(parsed, parsed)), map: null };
      const englishFile = join(dirname(file), 'en.json');
      this.addWatchFile(englishFile);
      const english: unknown = JSON.parse(readFileSync(englishFile, 'utf8'));
      if (!isCatalog(english)) this.error(`${basename(englishFile)} is not a catalog`);
      return { code: JSON.stringify(fillFrom(english, parsed)), map: null };
    },
  };
}
