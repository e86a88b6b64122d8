import { isMessageKey, type Translator } from '../../lib/i18n.js';

/**
 * Why a ledger line costs what it costs, in the reader's language, from the rule that produced it
 * and its parameters (the same words the web app shows); the stored English sentence when the
 * rule is one the catalogs do not know.
 */
export function explainLine(
  tr: Translator,
  line: { rule: string; params: Record<string, unknown>; text: string; amountCents: number },
): string {
  const key = `statement.rules.${line.rule}`;
  if (!isMessageKey(key)) return line.text;
  const { params } = line;
  const payerKey = `statement.payers.${String(params['payer'] ?? '')}`;
  return tr.t(key, {
    amount: tr.money(typeof params['amount'] === 'number' ? params['amount'] : Math.abs(line.amountCents)),
    plan: String(params['plan'] ?? ''),
    payer: isMessageKey(payerKey) ? tr.t(payerKey) : '',
    reason: String(params['reason'] ?? ''),
  });
}
