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
 * Each organization's catalog of insurance plans. Everyone signed in can search their own
 * organization's (patients pick from the catalog of their record's organization); staff and admins
 * add plans and withdraw them. Another organization's plan is a 404. Plans are never deleted: coverages and
 * bills point at them.
 */
export class PlanService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly audit: AuditService,
  ) {}

  /** The catalog the caller picks from: their organization's, or the open record's patient's. */
  private async catalog(caller: AuthenticatedCaller): Promise<string | undefined> {
    if (caller.organizationId) return caller.organizationId;
    return caller.actingForPatientId ? this.repo.patientOrganization(caller.actingForPatientId) : undefined;
  }

  async list(caller: AuthenticatedCaller, query: PlanQuery): Promise<InsurancePlanList> {
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
    const organizationId = await this.catalog(caller);
    if (!organizationId) return { plans: [] };
    const rows = await this.repo.plans({
      organizationId,
      words,
      ...(query.payer ? { payer: query.payer } : {}),
      includeInactive: mayManage(caller) && query.includeInactive === true,
    });
    return { plans: rows.map(toPlan) };
  }

  /** One plan of the caller's catalog; another organization's plan is a 404, like a missing one. */
  async get(caller: AuthenticatedCaller, id: string): Promise<InsurancePlan> {
    const organizationId = await this.catalog(caller);
    const row = organizationId ? await this.repo.plan(id, organizationId) : undefined;
    if (!row || (!row.active && !mayManage(caller))) throw notFound('This plan');
    return toPlan(row);
  }

  async create(caller: AuthenticatedCaller, body: NewPlanBody): Promise<InsurancePlan> {
    if (!mayManage(caller) || !caller.organizationId) throw forbidden();
    const organizationId = caller.organizationId;
    const payer = body.payerName.trim().replace(/\s+/g, ' ');
    const plan = body.planName.trim().replace(/\s+/g, ' ');
    const problems = [
      ...(payer.length < 2 ? [{ field: 'payerName', message: 'Enter the insurance company (payer) name.' }] : []),
      ...(plan.length < 1 ? [{ field: 'planName', message: 'Enter the plan name.' }] : []),
      ...copayProblem(body.virtualVisitCost, body.virtualVisitCopayCents),
    ];
    if (problems.length > 0) throw invalid(problems);
    const values = {
      organization_id: organizationId,
      payer_name: payer,
      plan_name: plan,
      payer_category: body.payerCategory,
      virtual_visit_cost: body.virtualVisitCost,
      virtual_visit_copay_cents: body.virtualVisitCost === 'copay' ? (body.virtualVisitCopayCents ?? null) : null,
      requires_pcp_referral: body.requiresPcpReferral ?? false,
    };
    let row: PlanRow;
    try {
      // The plan and its audit row commit together or not at all (decision 0027).
      row = await this.repo.transaction(async (repo, trx) => {
        const added = await repo.insertPlan(values);
        const entry = { action: 'insurance_plan.create', entityType: 'InsurancePlan', entityId: added.id };
        await this.audit.record(caller, { ...entry, outcome: 'allowed' }, trx);
        return added;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw new AppError('conflict', 409, 'This payer already has a plan with that name.', [
        { field: 'planName', message: 'This payer already has a plan with that name.' },
      ]);
    }
    return toPlan(row);
  }

  async update(caller: AuthenticatedCaller, id: string, body: PlanUpdateBody): Promise<InsurancePlan> {
    if (!mayManage(caller) || !caller.organizationId) throw forbidden();
    const current = await this.repo.plan(id, caller.organizationId);
    if (!current) throw notFound('This plan');
    const cost = body.virtualVisitCost ?? current.virtual_visit_cost;
    const cents =
      body.virtualVisitCopayCents !== undefined ? body.virtualVisitCopayCents : current.virtual_visit_copay_cents;
    const problems = copayProblem(cost, cents);
    if (problems.length > 0) throw invalid(problems);
    const organizationId = caller.organizationId;
    const row = await this.repo.transaction(async (repo, trx) => {
      const updated = await repo.updatePlan(id, organizationId, {
        virtual_visit_cost: cost,
        virtual_visit_copay_cents: cost === 'copay' ? cents : null,
        ...(body.requiresPcpReferral !== undefined ? { requires_pcp_referral: body.requiresPcpReferral } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      });
      if (!updated) throw notFound('This plan');
      const entry = { action: 'insurance_plan.update', entityType: 'InsurancePlan', entityId: id };
      const detail = { fields: Object.keys(body).sort().join(',') };
      await this.audit.record(caller, { ...entry, outcome: 'allowed', detail }, trx);
      return updated;
    });
    return toPlan(row);
  }
}
