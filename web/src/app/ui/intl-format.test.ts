import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  interpreterLanguages,
  likelyInterpreterLanguages,
  INTERPRETER_LANGUAGE_CODES,
} from '../i18n/languageNames';
import { formatCountdown, formatDayOf, formatList } from './format';

describe("lists, countdowns and dates come from Intl in the reader's language", () => {
  it('formats lists the way each language writes them', () => {
    expect(formatList(['Spanish', 'Portuguese', 'Chinese'], 'en')).toBe('Spanish, Portuguese, and Chinese');
    expect(formatList(['español', 'portugués', 'chino'], 'es')).toBe('español, portugués y chino');
    expect(formatList(['MA', 'NH'], 'en', 'disjunction')).toBe('MA or NH');
    expect(formatList(['a', 'b'], 'zh-Hans')).toBe('a和b');
    expect(formatList(['Dr. Lee', '617-555-0100'], 'en', 'unit')).toBe('Dr. Lee, 617-555-0100');
    expect(formatList([], 'en')).toBe('');
  });

  it("writes a countdown with the reader's digits", () => {
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(65_000, 'en')).toBe('1:05');
    expect(formatCountdown(0, 'ru')).toBe('0:00');
    expect(formatCountdown(65_000, 'ar-EG')).toBe('١:٠٥');
    expect(formatCountdown(-5, 'en')).toBe('0:00');
  });

  it("writes the date of a moment in the reader's language", () => {
    expect(formatDayOf('2026-12-06T15:00:00Z', 'en')).toMatch(/Dec 6, 2026/);
    expect(formatDayOf('2026-12-06T15:00:00Z', 'es')).toMatch(/6 dic 2026/);
    expect(formatDayOf('not a date', 'en')).toBe('not a date');
  });
});

describe('interpreter languages', () => {
  it("offers well over a hundred languages, named in the reader's language and sorted by that name", () => {
    const en = interpreterLanguages('en');
    expect(en.length).toBeGreaterThan(150);
    expect(en.find((l) => l.code === 'ht')?.name).toBe('Haitian Creole');
    expect(en.find((l) => l.code === 'ase')?.name).toBe('American Sign Language');
    const es = interpreterLanguages('es');
    expect(es.find((l) => l.code === 'pt')?.name).toBe('Portugués');
    const names = es.map((l) => l.name);
    expect([...names].sort(new Intl.Collator('es').compare)).toEqual(names);
    // No bare codes: a language the browser cannot name is left out.
    expect(en.every((l) => l.name !== l.code)).toBe(true);
    expect(new Set(INTERPRETER_LANGUAGE_CODES).size).toBe(INTERPRETER_LANGUAGE_CODES.length);
  });

  it('keeps a choice already made even when it is not in the list', () => {
    expect(interpreterLanguages('en', 'xq').some((l) => l.code === 'xq')).toBe(true);
  });

  it('guesses the page language as the interpreter language, never English', () => {
    expect(likelyInterpreterLanguages('pt-BR')).toEqual(['pt']);
    expect(likelyInterpreterLanguages('en')).toEqual([]);
    expect(likelyInterpreterLanguages('zh-Hans', 'yue')).toEqual(['yue', 'zh']);
  });

  it('searches without accents or case', () => {
    expect(foldForSearch('Español')).toBe('espanol');
    expect(foldForSearch('Kreyòl')).toBe('kreyol');
  });
});
