import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isMessageKey, serverLanguages, translator } from './i18n.js';
import { FONT_FILES, fontFor, fontPath, mainFontOf, type FontName } from './pdf-text.js';

interface Font {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
// fontkit is the font engine inside pdfkit; here it only answers which glyphs a font has.
const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(path: string): Font };
const fonts = new Map<FontName, Font>();
const font = (name: FontName): Font => {
  let f = fonts.get(name);
  if (!f) fonts.set(name, (f = fontkit.openSync(fontPath(name))));
  return f;
};

/** Every string a statement or receipt prints from the catalogs, with sample values. */
function statementWords(lang: string): string[] {
  const tr = translator(lang);
  const values = {
    number: 'S-1001',
    date: tr.date(new Date('2026-03-03T15:00:00Z'), 'America/New_York'),
    amount: tr.money(102507),
    url: 'https://portico.example/billing',
    phone: '(617) 555-0199',
    org: 'Harbor General Hospital',
    clinician: 'Priya Raman',
    brand: 'visa',
    last4: '4242',
    plan: 'Choice PPO',
    payer: tr.t('statement.payers.health_system_plan'),
    reason: 'Ana Beatriz Costa, São Paulo — Nguyễn Thị Hương',
  };
  const keys = [
    'statement.heading.statement',
    'statement.heading.receipt',
    'statement.number.statement',
    'statement.date',
    'statement.section.statement',
    'statement.visitWith',
    'statement.cardPaymentLast4',
    'statement.credit',
    'statement.hsa',
    'statement.none',
    'statement.due',
    'statement.balanceAfter',
    'statement.waysToPay',
    'statement.online',
    'statement.phone',
    'statement.mail',
    'statement.noAdvance',
    'statement.hsaNote',
    'statement.disputePhone',
    'statement.rules.plan_copay',
    'statement.rules.payer_no_fee',
    'statement.rules.referral_missing',
    'statement.rules.refund_reason',
    'statement.rules.deposit_applied',
  ] as const;
  return [...keys.map((k) => tr.t(k, values)), values.reason];
}

/** Every string a record summary (modules/record) prints, each select and plural branch included. */
function recordWords(lang: string): string[] {
  const tr = translator(lang);
  const en = JSON.parse(readFileSync(new URL('../i18n/en.json', import.meta.url), 'utf8')) as { record: Tree };
  const values = {
    mrn: 'HG-000123',
    date: tr.dateTime(new Date('2026-03-03T15:00:00Z'), 'America/New_York'),
    phone: '(617) 555-0199',
    email: 'eleanor@example.org',
    address: '12 Harbor St, Boston, MA 02110, US',
    directions: 'Take 1 tablet by mouth daily',
    name: 'Hemoglobin A1c',
    value: '6.1 %',
    range: '4.0-5.6',
    reason: 'Ana Beatriz Costa, São Paulo — Nguyễn Thị Hương',
  };
  const keys = (tree: Tree, at: string): string[] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${at}.${k}`] : keys(v, `${at}.${k}`)));
  const out: string[] = [];
  for (const key of keys(en.record, 'record')) {
    if (!isMessageKey(key)) throw new Error(`${key} is not a message key`);
    for (const status of [
      'active',
      'onhold',
      'completed',
      'stopped',
      'cancelled',
      'booked',
      'fulfilled',
      'noshow',
      'checkedin',
      'other',
    ])
      for (const flag of ['H', 'L', 'HH', 'LL', 'A'])
        for (const count of [1, 2, 5, 21]) out.push(tr.t(key, { ...values, status, flag, count }));
  }
  return [...new Set(out)];
}
interface Tree {
  [key: string]: string | Tree;
}

describe('fonts embedded in statements', () => {
  it('are installed from their npm packages', () => {
    for (const name of Object.keys(FONT_FILES) as FontName[]) expect(fontPath(name)).toMatch(/\.ttf$/);
  });

  it.each(serverLanguages())('have a glyph for every character a %s statement or record summary prints', (lang) => {
    const missing = new Set<string>();
    for (const text of [...statementWords(lang), ...recordWords(lang)]) {
      for (const ch of text) {
        if (/[\s\u061C\u200E\u200F\u2066-\u2069]/.test(ch)) continue; // spaces and bidi marks are not drawn
        for (const bold of [false, true]) {
          const name = fontFor(ch, mainFontOf(lang), bold);
          if (!font(name).hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) missing.add(`${ch} (${name})`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});
