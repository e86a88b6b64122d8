import { describe, expect, it } from 'vitest';
import { isMessageKey, resolveLanguage, serverLanguages, translator } from './i18n.js';

describe('server text in the recipient’s language', () => {
  it('offers all eight languages and resolves stored preferences to them', () => {
    expect(serverLanguages().sort()).toEqual(['ar', 'en', 'es', 'ht', 'pt-BR', 'ru', 'vi', 'zh-Hans']);
    expect(resolveLanguage('pt')).toBe('pt-BR');
    expect(resolveLanguage('zh-CN')).toBe('zh-Hans');
    expect(resolveLanguage('km')).toBe('en');
    expect(resolveLanguage(null)).toBe('en');
  });

  it('formats dates in the clinic’s time zone and money the reader’s way', () => {
    const at = new Date('2026-03-04T02:30:00Z'); // 9:30 PM on March 3 in New York
    expect(translator('en').dateTime(at, 'America/New_York')).toMatch(/^Tuesday, March 3, 2026.*9:30\sPM EST$/);
    expect(translator('pt-BR').date(at, 'America/New_York')).toBe('3 de março de 2026');
    expect(translator('pt-BR').money(2500)).toMatch(/^US\$\s25,00$/);
    expect(translator('ru').money(123456)).toMatch(/^1\s234,56\s\$$/);
    // An amount inside Arabic text is isolated, so its symbol and digits stay together.
    expect(translator('ar').money(2500)).toMatch(/^\u2066.*25.*\u2069$/);
    expect(translator('ar').dir).toBe('rtl');
  });

  it('picks plural forms by the language’s rules', () => {
    const ru = translator('ru');
    expect(ru.t('email.appointment.checkIn', { minutes: 21 })).toContain('21 минуту');
    expect(ru.t('email.appointment.checkIn', { minutes: 15 })).toContain('15 минут ');
    expect(translator('en').t('email.appointment.checkIn', { minutes: 1 })).toContain('1 minute before');
  });

  it('knows which keys exist, for keys built from stored rule codes', () => {
    expect(isMessageKey('statement.rules.plan_copay')).toBe(true);
    expect(isMessageKey('statement.rules.nonsense')).toBe(false);
  });
});
