/**
 * Pseudo-locales made from the English ICU catalogs, for finding untranslated text, clipped
 * text and left/right assumptions before real translations exist:
 *   en-XA  accented and about 40 % longer:  "[Ŝîĝñ îñ ·······]"
 *   ar-XB  the same text marked right to left, shown with dir="rtl"
 * Only literal text changes; placeholders, plurals and # stay as they are.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
}; // prettier-ignore

/** The pseudo-locales this build offers, and the direction each is shown in. */
export const PSEUDO_LOCALES = { 'en-XA': 'ltr', 'ar-XB': 'rtl' } as const;
export type PseudoLocale = keyof typeof PSEUDO_LOCALES;

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (ch) => ACCENTS[ch] ?? ch);
}

function literalLength(elements: MessageFormatElement[]): number {
  let n = 0;
  for (const el of elements) {
    if (el.type === TYPE.literal) n += el.value.length;
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      n += Math.max(0, ...Object.values(el.options).map((o) => literalLength(o.value)));
    }
  }
  return n;
}

function accentAll(elements: MessageFormatElement[]): void {
  for (const el of elements) {
    if (el.type === TYPE.literal) el.value = accent(el.value);
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) accentAll(option.value);
    }
  }
}

/**
 * One ICU message in a pseudo-locale.
 * @param message English ICU message
 */
export function pseudoMessage(message: string, locale: PseudoLocale): string {
  const ast = parse(message, { ignoreTag: true });
  accentAll(ast);
  const letters = literalLength(ast);
  const pad = letters === 0 ? '' : ' ' + '·'.repeat(Math.max(1, Math.round(letters * 0.4) - 1));
  // Brackets show where a message starts and ends, so cut-off text is easy to spot by eye.
  const [open, close] = locale === 'ar-XB' ? ['\u202e[', ']\u202c'] : ['[', ']'];
  return `${open}${printAST(ast)}${pad}${close}`.replace(/^\[\]$/, '');
}

/**
 * A whole catalog (nested objects of ICU strings) in a pseudo-locale. The "$format" mark is
 * dropped: the result is what the app loads, not a file for the converter.
 */
export function pseudoCatalog(catalog: Record<string, unknown>, locale: PseudoLocale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(catalog)) {
    if (key === '$format') continue;
    if (typeof value === 'string') out[key] = value === '' ? '' : pseudoMessage(value, locale);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = pseudoCatalog(value as Record<string, unknown>, locale);
    } else out[key] = value;
  }
  return out;
}
