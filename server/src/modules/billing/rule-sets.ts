import {
  FEE_RULE_MAX_CENTS,
  FEE_RULE_NOTE_MAX,
  FEE_RULE_NOW_GRACE_SECONDS,
  type CreateFeeRuleSetBody,
  type FeeRuleSet,
  type FeeRuleSetList,
  type FeeRules,
  type FieldError,
} from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import type { AuditService } from '../audit/index.js';
import { dollars } from './engine.js';
import type { RuleSetRepository, RuleSetRow } from './rule-set-repository.js';
import { DEFAULT_FEE_RULES, parseFeeRules } from './rules.js';

const AMOUNTS = ['telehealthFeeCents', 'inPersonRateCents', 'deductibleAmountCents', 'noShowFeeCents'] as const;

/**
 * Billing admins keep each organization's fee rules: every change is a new version with an
 * effective date of now or later, so a charge already made (and any re-run of the engine for a
 * past visit) keeps the rules it was made under. Staff may read their organization's versions.
 * Admins manage every organization, as they do its scheduling policy.
 */
export class RuleSetService {
  constructor(
    private readonly repo: RuleSetRepository,
    private readonly audit: AuditService,
  ) {}

  async list(caller: AuthenticatedCaller, organizationId?: string): Promise<FeeRuleSetList> {
    const orgId = await this.organizationFor(caller, organizationId);
    const rows = await this.repo.list(orgId);
    await this.audit.record(caller, {
      action: 'billing.rules.view',
      entityType: 'Organization',
      entityId: orgId,
      outcome: 'allowed',
      detail: { versions: rows.length },
    });
    return { organizationId: orgId, defaultRules: DEFAULT_FEE_RULES, ruleSets: withStatus(rows, new Date()) };
  }

  /** Schedules the next version (highest + 1); two admins saving at once get consecutive versions. */
  async create(caller: AuthenticatedCaller, body: CreateFeeRuleSetBody): Promise<FeeRuleSet> {
    if (caller.role !== 'admin') throw forbidden();
    const now = new Date();
    const draft = checkDraft(body, now);
    if (!(await this.repo.organizationExists(body.organizationId))) throw notFound('This organization');
    let created: { id: string; version: number };
    try {
      // The new version and its audit row commit together (decision 0027).
      created = await this.repo.transaction(async (repo, trx) => {
        if (!(await repo.lockOrganization(body.organizationId))) throw notFound('This organization');
        const version = await repo.nextVersion(body.organizationId);
        const id = await repo.insert({
          organizationId: body.organizationId,
          version,
          effectiveFrom: draft.effectiveFrom,
          rules: draft.rules,
          note: draft.note,
          createdBy: caller.userId,
        });
        await this.audit.record(
          caller,
          {
            action: 'billing.rules.change',
            entityType: 'FeeRuleSet',
            entityId: id,
            outcome: 'allowed',
            detail: {
              organizationId: body.organizationId,
              version,
              scheduled: draft.effectiveFrom.getTime() > now.getTime(),
            },
          },
          trx,
        );
        return { id, version };
      });
    } catch (err) {
      // The row lock numbers versions in turn; should two still meet, the loser is told to retry.
      if (isUniqueViolation(err)) {
        throw new AppError(
          'rule_set_version_conflict',
          409,
          'Someone saved a rule change for this organization at the same moment. Check the list and save again.',
        );
      }
      throw err;
    }
    const set = withStatus(await this.repo.list(body.organizationId), new Date()).find((s) => s.id === created.id);
    if (!set) throw new Error('a rule set just saved was not found');
    return set;
  }

  /** Staff read their own organization only; someone else's is a 404, like a missing one. */
  private async organizationFor(caller: AuthenticatedCaller, requested?: string): Promise<string> {
    const orgId = requested ?? caller.organizationId;
    if (!orgId) {
      throw new AppError('validation_failed', 422, 'Choose an organization.', [
        { field: 'organizationId', message: 'Choose an organization.' },
      ]);
    }
    if (caller.role !== 'admin' && orgId !== caller.organizationId) throw notFound('This organization');
    if (!(await this.repo.organizationExists(orgId))) throw notFound('This organization');
    return orgId;
  }
}

/**
 * Checks a proposed version; every problem comes back at once, each naming its field. When the
 * only problem is a date in the past, the code says so (`effective_date_in_past`).
 */
function checkDraft(body: CreateFeeRuleSetBody, now: Date): { rules: FeeRules; effectiveFrom: Date; note: string } {
  const fields: FieldError[] = [];
  const amountMessage = `Enter an amount from $0.00 to ${dollars(FEE_RULE_MAX_CENTS)}, in whole cents.`;
  for (const name of AMOUNTS) {
    const v = body.rules[name];
    if (!Number.isSafeInteger(v) || v < 0 || v > FEE_RULE_MAX_CENTS) {
      fields.push({ field: `rules.${name}`, message: amountMessage });
    }
  }
  const categories = [...new Set(body.rules.noFeePayerCategories)];
  if (categories.includes('self_pay')) {
    fields.push({
      field: 'rules.noFeePayerCategories',
      message: 'Self-pay is not an insurance: visits without coverage follow the not-covered rule.',
    });
  }
  const note = body.note.trim();
  if (note === '' || note.length > FEE_RULE_NOTE_MAX) {
    fields.push({
      field: 'note',
      message: `Say why the rules change, in up to ${FEE_RULE_NOTE_MAX} characters.`,
    });
  }
  const requested = new Date(body.effectiveFrom);
  const earliest = now.getTime() - FEE_RULE_NOW_GRACE_SECONDS * 1000;
  const dateProblem = !Number.isFinite(requested.getTime()) || requested.getTime() < earliest;
  if (dateProblem) {
    fields.push({
      field: 'effectiveFrom',
      message: 'Choose now or a later date and time: new rules never change charges for visits that already happened.',
    });
  }
  if (fields.length > 0) {
    const onlyDate = dateProblem && fields.length === 1;
    throw new AppError(
      onlyDate ? 'effective_date_in_past' : 'validation_failed',
      422,
      onlyDate ? 'Rules cannot take effect in the past.' : 'Some details need attention. Nothing was saved.',
      fields,
    );
  }
  const rules = parseFeeRules({
    noFeePayerCategories: categories,
    notCoveredBilling: body.rules.notCoveredBilling,
    telehealthFeeCents: body.rules.telehealthFeeCents,
    inPersonRateCents: body.rules.inPersonRateCents,
    deductibleAmountCents: body.rules.deductibleAmountCents,
    noShowFeeCents: body.rules.noShowFeeCents,
  });
  // "Now" sent a moment ago is stored as the moment of saving: never a past instant.
  const effectiveFrom = requested.getTime() < now.getTime() ? now : requested;
  return { rules, effectiveFrom, note };
}

/**
 * Labels each version the way the fee engine picks one (BillingRepository.ruleSetAt): in force
 * is the latest effective date that has come, the higher version winning a tie.
 */
export function withStatus(rows: readonly RuleSetRow[], now: Date): FeeRuleSet[] {
  let inForce: RuleSetRow | undefined;
  for (const r of rows) {
    if (r.effective_from.getTime() > now.getTime()) continue;
    const later =
      !inForce ||
      r.effective_from.getTime() > inForce.effective_from.getTime() ||
      (r.effective_from.getTime() === inForce.effective_from.getTime() && r.version > inForce.version);
    if (later) inForce = r;
  }
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    version: r.version,
    effectiveFrom: r.effective_from.toISOString(),
    rules: parseFeeRules(r.rules),
    note: r.note,
    createdByName: r.creator_family ? `${r.creator_given ?? ''} ${r.creator_family}`.trim() : null,
    createdAt: r.created_at.toISOString(),
    status: r === inForce ? 'in_force' : r.effective_from.getTime() > now.getTime() ? 'scheduled' : 'superseded',
  }));
}
