import type {
  AdministrativeSex,
  CardSide,
  CoverageRelationship,
  PlanCategory,
  VirtualVisitCost,
} from '@portico/contracts';

// The contract's lists, repeated here (checked against its types) so TypeBox isn't bundled.
export const SEXES = ['female', 'male', 'other', 'unknown'] as const satisfies readonly AdministrativeSex[];
export const RELATIONSHIPS = ['self', 'spouse', 'child', 'other'] as const satisfies readonly CoverageRelationship[];
export const CARD_SIDES = ['front', 'back'] as const satisfies readonly CardSide[];
export const CATEGORIES = [
  'commercial',
  'medicare',
  'medicaid',
  'health_system_plan',
  'workers_comp',
  'health_safety_net',
  'self_pay',
] as const satisfies readonly PlanCategory[];
export const COSTS = ['copay', 'deductible', 'not_covered'] as const satisfies readonly VirtualVisitCost[];

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Whole dollars without cents ("$25"), otherwise with them ("$25.50"). */
export function formatCents(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}
