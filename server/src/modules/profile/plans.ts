import type { InsurancePlan, InsurancePlanList, NewPlanBody, PlanQuery, PlanUpdateBody } from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import type { AuditService } from '../audit/index.js';
import type { CoverageRepository, PlanRow } from './coverage-repository.js';
import { invalid } from './errors.js';

export function toPlan(r: PlanRow): InsurancePlan {
  return {
    id: r.id,
    payerName: r.payer_name,
    planName: r.plan_name,
    payerCategory: r.payer_category,
    virtualVisitCost: r.virtual_visit_cost,
    virtualVisitCopayCents: r.virtual_visit_copay_cents,
    requiresPcpReferral: r.requires_pcp_referral,
    active: r.active,
  };
}

const mayManage = (caller: AuthenticatedCaller): boolean => caller.role === 'staff' || caller.role === 'admin';

/** A co-pay amount is given exactly when the cost is a co-pay. */
function copayProblem(cost: string, cents: number | null | undefined) {
  if (cost === 'copay' && (cents === null || cents === undefined)) {
    return [{ field: 'virtualVisitCopayCents', message: 'Enter the co-pay for a virtual visit (0 or more).' }];
  }
  return [];
}

/**
 * The health system's catalog of insurance plans. Everyone signed in can search it (patients pick
 * from it); staff and admins add plans and withdraw them. Plans are never deleted: coverages and
 * bills point at them.
 */
export class PlanService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly audit: AuditService,
  ) {}

  async list(caller: AuthenticatedCaller, query: PlanQuery): Promise<InsurancePlanList> {
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
    const rows = await this.repo.plans({
      words,
      ...(query.payer ? { payer: query.payer } : {}),
      includeInactive: mayManage(caller) && query.includeInactive === true,
    });
    return { plans: rows.map(toPlan) };
  }

  async create(caller: AuthenticatedCaller, body: NewPlanBody): Promise<InsurancePlan> {
    if (!mayManage(caller)) throw forbidden();
    const payer = body.payerName.trim().replace(/\s+/g, ' ');
    const plan = body.planName.trim().replace(/\s+/g, ' ');
    const problems = [
      ...(payer.length < 2 ? [{ field: 'payerName', message: 'Enter the insurance company (payer) name.' }] : []),
      ...(plan.length < 1 ? [{ field: 'planName', message: 'Enter the plan name.' }] : []),
      ...copayProblem(body.virtualVisitCost, body.virtualVisitCopayCents),
    ];
    if (problems.length > 0) throw invalid(problems);
    let row: PlanRow;
    try {
      row = await this.repo.insertPlan({
        payer_name: payer,
        plan_name: plan,
        payer_category: body.payerCategory,
        virtual_visit_cost: body.virtualVisitCost,
        virtual_visit_copay_cents: body.virtualVisitCost === 'copay' ? (body.virtualVisitCopayCents ?? null) : null,
        requires_pcp_referral: body.requiresPcpReferral ?? false,
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw new AppError('conflict', 409, 'This payer already has a plan with that name.', [
        { field: 'planName', message: 'This payer already has a plan with that name.' },
      ]);
    }
    await this.audit.record(caller, {
      action: 'insurance_plan.create',
      entityType: 'InsurancePlan',
      entityId: row.id,
      outcome: 'allowed',
    });
    return toPlan(row);
  }

  async update(caller: AuthenticatedCaller, id: string, body: PlanUpdateBody): Promise<InsurancePlan> {
    if (!mayManage(caller)) throw forbidden();
    const current = await this.repo.plan(id);
    if (!current) throw notFound('This plan');
    const cost = body.virtualVisitCost ?? current.virtual_visit_cost;
    const cents =
      body.virtualVisitCopayCents !== undefined ? body.virtualVisitCopayCents : current.virtual_visit_copay_cents;
    const problems = copayProblem(cost, cents);
    if (problems.length > 0) throw invalid(problems);
    const row = await this.repo.updatePlan(id, {
      virtual_visit_cost: cost,
      virtual_visit_copay_cents: cost === 'copay' ? cents : null,
      ...(body.requiresPcpReferral !== undefined ? { requires_pcp_referral: body.requiresPcpReferral } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    if (!row) throw notFound('This plan');
    await this.audit.record(caller, {
      action: 'insurance_plan.update',
      entityType: 'InsurancePlan',
      entityId: id,
      outcome: 'allowed',
      detail: { fields: Object.keys(body).sort().join(',') },
    });
    return toPlan(row);
  }
}
