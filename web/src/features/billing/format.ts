import type { ChargeExplanation } from '@portico/contracts';
import type { TFunction } from 'i18next';
import en from './en.json';

/** Integer cents as the reader's currency text ("$25.00", "25,00 $US"). */
export function money(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** Parses what a person typed as dollars ("25", "25.5", "$1,025.00") into integer cents, or null. */
export function parseDollars(text: string): number | null {
  const clean = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole = '0', fraction = ''] = clean.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

type RuleKey = keyof typeof en.rules;
type PayerKey = keyof typeof en.payers;
const isRule = (rule: string): rule is RuleKey => Object.hasOwn(en.rules, rule);
const isPayer = (payer: unknown): payer is PayerKey => typeof payer === 'string' && Object.hasOwn(en.payers, payer);

/**
 * The rule that produced a line, in the reader's language; the server's English text when the
 * rule is one this version of the app does not know yet.
 */
export function explain(t: TFunction, e: ChargeExplanation, amountCents: number, locale: string): string {
  if (!isRule(e.rule)) return e.text;
  const amount = money(typeof e.params.amount === 'number' ? e.params.amount : Math.abs(amountCents), locale);
  const payer = isPayer(e.params.payer) ? t(`billing.payers.${e.params.payer}`) : '';
  return t(`billing.rules.${e.rule}`, {
    amount,
    plan: String(e.params.plan ?? ''),
    payer,
    reason: String(e.params.reason ?? ''),
  });
}

/** The reader's local calendar day of an instant ("December 1, 2026"). */
export function localDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}
