import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAll, checkCatalog } from './check-catalogs.mjs';

const english = {
  $format: 'icu',
  greeting: 'Hello {name}',
  files: '{count, plural, one {# file} other {# files}}',
  nested: { title: 'Visits' },
};

function problemsFor(lang, catalog) {
  return checkCatalog({ file: `${lang}.json`, lang, catalog, english }).map((p) => p.message);
}

describe('catalog check', () => {
  it('accepts a complete translation with the language’s plural categories', () => {
    expect(
      problemsFor('ru', {
        $format: 'icu',
        greeting: 'Здравствуйте, {name}',
        files: '{count, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}',
        nested: { title: 'Визиты' },
      }),
    ).toEqual([]);
  });

  it('reports missing and extra keys, changed placeholders, bad ICU and missing plural categories', () => {
    const problems = problemsFor('ru', {
      $format: 'icu',
      greeting: 'Здравствуйте, {nombre}',
      files: '{count, plural, one {# файл} other {# файла}}',
      extra: 'Лишний',
      broken: { deep: 'Открыть {' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^greeting: placeholders differ from English; missing \{name\}; extra \{nombre\}/),
        expect.stringMatching(/^files: plural \{count\} lacks few, many \(needed in ru\)/),
        expect.stringMatching(/^extra: not in English/),
        expect.stringMatching(/^broken\.deep: invalid ICU message/),
        expect.stringMatching(/^nested\.title: missing \(English has it\)/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('asks for conversion when a file is still i18next v4', () => {
    expect(problemsFor('es', { greeting: 'Hola {{name}}' })).toEqual([expect.stringMatching(/not ICU yet/)]);
  });

  it('checks English itself: plurals need "other" and valid syntax', () => {
    const problems = checkCatalog({
      file: 'en.json',
      lang: 'en',
      catalog: { $format: 'icu', a: '{count, plural, one {# file}}', b: '{count, plural, other {# files}}' },
      english: null,
    }).map((p) => p.message);
    expect(problems).toEqual([
      expect.stringMatching(/^a: invalid ICU message/),
      expect.stringMatching(/^b: plural \{count\} lacks one/),
    ]);
  });

  it('passes with English only and flags a language that skipped a feature file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'portico-catalogs-'));
    const core = join(root, 'web', 'src', 'app', 'i18n');
    const feature = join(root, 'web', 'src', 'features', 'visit');
    await mkdir(core, { recursive: true });
    await mkdir(feature, { recursive: true });
    await writeFile(join(core, 'en.json'), JSON.stringify({ $format: 'icu', a: 'A' }));
    await writeFile(join(feature, 'en.json'), JSON.stringify({ $format: 'icu', b: 'B' }));
    expect((await checkAll(root)).problems).toEqual([]);

    await writeFile(join(core, 'vi.json'), JSON.stringify({ $format: 'icu', a: 'Â' }));
    const { problems, summary } = await checkAll(root);
    expect(problems).toEqual([
      { file: join('web', 'src', 'features', 'visit', 'vi.json'), message: expect.stringMatching(/^missing/) },
    ]);
    expect(summary.get('vi')).toEqual({ files: 1, problems: 1 });
  });

  it('checks the server catalogs (emails, statements) like the web ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'portico-catalogs-'));
    const server = join(root, 'server', 'src', 'i18n');
    await mkdir(server, { recursive: true });
    await writeFile(
      join(server, 'en.json'),
      JSON.stringify({ $format: 'icu', email: { subject: 'Your visit on {at}', reminder: 'Hi', extra: 'More' } }),
    );
    await writeFile(
      join(server, 'ru.json'),
      JSON.stringify({
        $format: 'icu',
        email: { subject: 'Ваш приём {when}', reminder: '{n, plural, one {# день} other {# дня}}' },
      }),
    );
    await writeFile(
      join(server, 'zh-Hans.json'),
      JSON.stringify({ $format: 'icu', email: { subject: '{at', reminder: '嗨', extra: '多' } }),
    );
    const { problems } = await checkAll(root);
    const messages = problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /ru\.json: email\.subject: placeholders differ from English; missing \{at\}; extra \{when\}/,
        ),
        expect.stringMatching(/ru\.json: email\.reminder: plural \{n\} lacks few, many/),
        expect.stringMatching(/ru\.json: email\.extra: missing \(English has it\)/),
        expect.stringMatching(/zh-Hans\.json: email\.subject: invalid ICU message/),
      ]),
    );
  });

  it('finds this repository’s server catalogs in all eight languages, with no problems', async () => {
    const { problems, files } = await checkAll();
    expect(problems).toEqual([]);
    const serverFiles = (await import('./i18n-to-icu.mjs')).findCatalogFiles;
    const found = (await serverFiles()).filter((f) => /[\\/]server[\\/]src[\\/]i18n[\\/]/.test(f));
    expect(found.map((f) => f.replace(/^.*[\\/]/, '')).sort()).toEqual([
      'ar.json',
      'en.json',
      'es.json',
      'ht.json',
      'pt-BR.json',
      'ru.json',
      'vi.json',
      'zh-Hans.json',
    ]);
    expect(files.length).toBeGreaterThan(found.length);
  });
});
