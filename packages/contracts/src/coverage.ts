import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.js';

/** Kinds of payer (the same list the billing engine's fee rules branch on). */
export const PLAN_CATEGORIES = [
  'commercial',
  'medicare',
  'medicaid',
  'health_system_plan',
  'workers_comp',
  'health_safety_net',
  'self_pay',
] as const;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];

/** What a virtual visit costs the patient under a plan. */
export const VIRTUAL_VISIT_COSTS = ['copay', 'deductible', 'not_covered'] as const;
export type VirtualVisitCost = (typeof VIRTUAL_VISIT_COSTS)[number];

export const COVERAGE_RELATIONSHIPS = ['self', 'spouse', 'child', 'other'] as const;
export type CoverageRelationship = (typeof COVERAGE_RELATIONSHIPS)[number];

export const CARD_SIDES = ['front', 'back'] as const;
export type CardSide = (typeof CARD_SIDES)[number];

const OrNull = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ maxLength: max });

export const InsurancePlan = Type.Object({
  id: Uuid,
  payerName: Type.String(),
  planName: Type.String(),
  payerCategory: Type.Enum(PLAN_CATEGORIES),
  virtualVisitCost: Type.Enum(VIRTUAL_VISIT_COSTS),
  /** Set when the cost is a co-pay; integer cents. */
  virtualVisitCopayCents: Type.Union([Type.Integer(), Type.Null()]),
  requiresPcpReferral: Type.Boolean(),
  active: Type.Boolean(),
});
export type InsurancePlan = Static<typeof InsurancePlan>;

export const InsurancePlanList = Type.Object({ plans: Type.Array(InsurancePlan) });
export type InsurancePlanList = Static<typeof InsurancePlanList>;

export const PlanQuery = Type.Object(
  {
    /** Words in the payer or plan name. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    payer: Type.Optional(Type.String({ maxLength: 120 })),
    /** Staff and admins: list withdrawn plans too. */
    includeInactive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PlanQuery = Static<typeof PlanQuery>;

export const NewPlanBody = Type.Object(
  {
    payerName: Text(120),
    planName: Text(120),
    payerCategory: Type.Enum(PLAN_CATEGORIES),
    virtualVisitCost: Type.Enum(VIRTUAL_VISIT_COSTS),
    virtualVisitCopayCents: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()])),
    requiresPcpReferral: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewPlanBody = Static<typeof NewPlanBody>;

export const PlanUpdateBody = Type.Object(
  {
    virtualVisitCost: Type.Optional(Type.Enum(VIRTUAL_VISIT_COSTS)),
    virtualVisitCopayCents: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()])),
    requiresPcpReferral: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PlanUpdateBody = Static<typeof PlanUpdateBody>;

export const CardImage = Type.Object({
  contentType: Type.String(),
  byteSize: Type.Integer(),
  uploadedAt: IsoDateTime,
  /** Same-origin address of the photo; only callers with access to the patient get it. */
  url: Type.String(),
});
export type CardImage = Static<typeof CardImage>;

/** FHIR Coverage: one plan the patient holds, primary (1) or secondary (2). */
export const Coverage = Type.Object({
  id: Uuid,
  patientId: Uuid,
  plan: InsurancePlan,
  priority: Type.Union([Type.Literal(1), Type.Literal(2)]),
  memberId: Type.String(),
  groupNumber: OrNull(Type.String()),
  subscriberName: OrNull(Type.String()),
  relationship: Type.Enum(COVERAGE_RELATIONSHIPS),
  pcpReferralOnFile: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  cards: Type.Object({ front: Type.Union([CardImage, Type.Null()]), back: Type.Union([CardImage, Type.Null()]) }),
});
export type Coverage = Static<typeof Coverage>;

export const CoverageList = Type.Object({
  /** Active coverages, primary first. */
  coverages: Type.Array(Coverage),
  /** Largest card photo accepted, in bytes. */
  maxCardBytes: Type.Integer(),
});
export type CoverageList = Static<typeof CoverageList>;

export const NewCoverageBody = Type.Object(
  {
    planId: Uuid,
    priority: Type.Union([Type.Literal(1), Type.Literal(2)]),
    memberId: Text(60),
    groupNumber: Type.Optional(Type.Union([Text(60), Type.Null()])),
    subscriberName: Type.Optional(Type.Union([Text(200), Type.Null()])),
    relationship: Type.Optional(Type.Enum(COVERAGE_RELATIONSHIPS)),
    /** Staff only: a referral from the primary care provider is on file. */
    pcpReferralOnFile: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewCoverageBody = Static<typeof NewCoverageBody>;

export const CoverageUpdateBody = Type.Object(
  {
    planId: Type.Optional(Uuid),
    memberId: Type.Optional(Text(60)),
    groupNumber: Type.Optional(Type.Union([Text(60), Type.Null()])),
    subscriberName: Type.Optional(Type.Union([Text(200), Type.Null()])),
    relationship: Type.Optional(Type.Enum(COVERAGE_RELATIONSHIPS)),
    pcpReferralOnFile: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CoverageUpdateBody = Static<typeof CoverageUpdateBody>;

export const CardParams = Type.Object({ id: Uuid, side: Type.Enum(CARD_SIDES) }, { additionalProperties: false });
export type CardParams = Static<typeof CardParams>;
