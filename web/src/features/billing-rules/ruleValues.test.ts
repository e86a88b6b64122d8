import { FEE_RULE_MAX_CENTS, type FeeRules } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { centsFromDollars, checkRuleForm, dollarsText, localInputValue, valuesFrom } from './ruleValues';

const RULES: FeeRules = {
  noFeePayerCategories: ['medicaid', 'workers_comp'],
  notCoveredBilling: 'telehealth_fee',
  telehealthFeeCents: 4900,
  inPersonRateCents: 21005,
  deductibleAmountCents: 16500,
  noShowFeeCents: 0,
};
const NOW = new Date(2027, 0, 15, 10, 30);

describe('dollars typed into the fee rules form', () => {
  it('become exact integer cents', () => {
    expect(centsFromDollars('49.00')).toBe(4900);
    expect(centsFromDollars('49')).toBe(4900);
    expect(centsFromDollars(' 49.9 ')).toBe(4990);
    expect(centsFromDollars('0.07')).toBe(7);
    expect(centsFromDollars('$1,025.10')).toBe(102510);
    expect(centsFromDollars('0')).toBe(0);
    // 0.29 * 100 is 28.999999999999996 in floating point: the parser never multiplies a float.
    expect(centsFromDollars('0.29')).toBe(29);
    expect(centsFromDollars(dollarsText(FEE_RULE_MAX_CENTS))).toBe(FEE_RULE_MAX_CENTS);
  });

  it('refuse fractions of a cent, negatives, words and amounts over the maximum', () => {
    for (const bad of ['49.999', '-1', '', 'abc', '1e3', '49.', dollarsText(FEE_RULE_MAX_CENTS + 1)]) {
      expect(centsFromDollars(bad)).toBeNull();
    }
  });

  it('show stored cents as plain dollars', () => {
    expect(dollarsText(4900)).toBe('49.00');
    expect(dollarsText(21005)).toBe('210.05');
    expect(dollarsText(0)).toBe('0.00');
  });
});

describe('the form as a request', () => {
  it('round-trips the rules in force into the same cents', () => {
    const values = { ...valuesFrom(RULES, NOW), note: '  New fee schedule  ' };
    const check = checkRuleForm(values, NOW);
    expect(check).toEqual({
      ok: true,
      body: {
        rules: RULES,
        note: 'New fee schedule',
        effectiveFrom: new Date(2027, 0, 16, 0, 0).toISOString(),
      },
    });
  });

  it('names each field with a problem', () => {
    const values = {
      ...valuesFrom(RULES, NOW),
      telehealthFeeCents: '49.999',
      noShowFeeCents: '-5',
      effectiveAt: localInputValue(new Date(2027, 0, 14, 9, 0)),
    };
    const check = checkRuleForm(values, NOW);
    expect(check).toEqual({
      ok: false,
      problems: {
        telehealthFeeCents: 'amount',
        noShowFeeCents: 'amount',
        effectiveFrom: 'dateInPast',
        note: 'noteMissing',
      },
    });
  });

  it('"as soon as I save" sends the present moment', () => {
    const check = checkRuleForm({ ...valuesFrom(RULES, NOW), when: 'now', effectiveAt: '', note: 'x' }, NOW);
    expect(check.ok && check.body.effectiveFrom).toBe(NOW.toISOString());
  });
});
