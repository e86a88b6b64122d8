import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import i18next from 'i18next';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { convertCatalog, convertText, pluralCategories } from './lib/icu.mjs';
import { convertFile, findCatalogFiles, languageOfFile } from './i18n-to-icu.mjs';

/** Renders a converted ICU message the way the app does (i18next-icu passes ignoreTag). */
function icu(message, lang, values) {
  return String(new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).format(values));
}

/** Renders the original i18next v4 message with i18next itself. */
async function i18nextRender(catalog, lang, key, values) {
  const inst = i18next.createInstance();
  await inst.init({
    lng: lang,
    resources: { [lang]: { translation: catalog } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return inst.t(key, values);
}

const englishSample = {
  plain: "We can't reach Portico's server right now",
  quoteBeforeVar: "Say '{{word}}' and {{name}}'s turn",
  braces: 'Use {curly} braces, a # sign and <b>angle</b> brackets',
  nested: {
    files_zero: 'No files',
    files_one: '{{count}} file from {{who}}',
    files_other: '{{count}} files from {{who}} – it’s #{{count}}',
  },
  left_one: '{{left}} character left',
  left_other: '{{left}} characters left',
};

describe('i18next v4 -> ICU conversion', () => {
  it('renders every English message exactly as i18next did, for several counts', async () => {
    const converted = convertCatalog(englishSample, 'en');
    const cases = [
      ['plain', {}],
      ['quoteBeforeVar', { word: 'hi', name: 'Ana' }],
      ['braces', {}],
      ...[0, 1, 2, 7].map((count) => ['nested.files', { count, who: 'Dr Li' }]),
      ...[1, 3].map((count) => ['left', { count, left: count }]),
    ];
    for (const [key, values] of cases) {
      const message = key.split('.').reduce((node, part) => node[part], converted);
      expect(icu(message, 'en', values), key).toBe(await i18nextRender(englishSample, 'en', key, values));
    }
  });

  it('collapses plural groups onto the base key, {{x}} -> {x}, {{count}} -> #, zero -> =0 in English', () => {
    const converted = convertCatalog(englishSample, 'en');
    expect(converted.$format).toBe('icu');
    expect(converted.nested).toEqual({
      files: "{count, plural, =0 {No files} one {# file from {who}} other {# files from {who} – it’s '#'#}}",
    });
    expect(converted.left).toBe('{count, plural, one {{left} character left} other {{left} characters left}}');
    expect(converted.quoteBeforeVar).toBe("Say ''{word}' and {name}'s turn");
    expect(Object.keys(converted)).toEqual(['$format', 'plain', 'quoteBeforeVar', 'braces', 'nested', 'left']);
  });

  it("keeps the language's own categories: Arabic keeps zero/two/few/many, Russian few/many", async () => {
    const ar = {
      n_zero: 'لا ملفات',
      n_one: 'ملف واحد',
      n_two: 'ملفان',
      n_few: '{{count}} ملفات',
      n_many: '{{count}} ملفًا',
      n_other: '{{count}} ملف',
    };
    const converted = convertCatalog(ar, 'ar');
    expect(converted.n).toMatch(/^\{count, plural, zero \{/);
    for (const count of [0, 1, 2, 3, 11, 100]) {
      expect(icu(converted.n, 'ar', { count })).toBe(
        (await i18nextRender(ar, 'ar', 'n', { count })).replace(/\d+/, (d) => new Intl.NumberFormat('ar').format(+d)),
      );
    }
    expect(pluralCategories('ru')).toEqual(['one', 'few', 'many', 'other']);
    expect(pluralCategories('zh-Hans')).toEqual(['other']);
  });

  it('refuses what ICU cannot express instead of writing a wrong message', () => {
    expect(() => convertText('See $t(other.key)')).toThrow(/nested/);
    expect(() => convertText('{{when, relativetime}}')).toThrow(/not supported/);
    expect(() => convertCatalog({ list: ['a'] }, 'en')).toThrow(/list/);
  });

  it('converts files in place once, marks them, and a second run changes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'portico-icu-'));
    const dir = join(root, 'web', 'src', 'features', 'demo');
    await mkdir(dir, { recursive: true });
    await mkdir(join(root, 'server', 'src', 'i18n'), { recursive: true });
    await writeFile(join(dir, 'pt-BR.json'), JSON.stringify({ a_one: '{{count}} item', a_other: '{{count}} itens' }));
    await writeFile(join(dir, 'notes.json'), '{}');
    await writeFile(join(root, 'server', 'src', 'i18n', 'zh-Hans.json'), JSON.stringify({ a_other: '{{count}} 项' }));
    const files = await findCatalogFiles(root);
    expect(files.map((f) => f.slice(root.length))).toEqual([
      '/server/src/i18n/zh-Hans.json',
      '/web/src/features/demo/pt-BR.json',
    ]);
    expect(await convertFile(files[1])).toBe('converted');
    const once = await readFile(files[1], 'utf8');
    expect(JSON.parse(once)).toEqual({ $format: 'icu', a: '{count, plural, one {# item} other {# itens}}' });
    expect(await convertFile(files[1])).toBe('already');
    expect(await readFile(files[1], 'utf8')).toBe(once);
    expect(languageOfFile('x/notes.json')).toBeNull();
    expect(languageOfFile('x/zh-Hans.json')).toBe('zh-Hans');
  });
});
