import { decideCharge } from './engine.js';
import { BillingRepository, type Db } from './repository.js';
import { DEFAULT_FEE_RULES, parseFeeRules } from './rules.js';

/**
 * Runs the fee engine for one ended visit and writes its charge (even a $0 one, so the bill
 * explains itself) under the rule set in force when the visit took place. Idempotent: a visit
 * has at most one charge, enforced by a unique index. Returns the new charge, or null.
 */
export async function writeCharge(
  repo: BillingRepository,
  encounterId: string,
): Promise<{ id: string; amountCents: number; organizationId: string; patientId: string } | null> {
  const visit = await repo.encounter(encounterId);
  if (!visit?.outcome) return null;
  const ruleSet = await repo.ruleSetAt(visit.organization_id, visit.ended_at ?? visit.start_at);
  const rules = ruleSet ? parseFeeRules(ruleSet.rules) : DEFAULT_FEE_RULES;
  const d = decideCharge(visit.outcome, await repo.primaryCoverage(visit.patient_id), rules);
  const id = await repo.append({
    organizationId: visit.organization_id,
    patientId: visit.patient_id,
    type: 'charge',
    amountCents: d.amountCents,
    encounterId,
    ruleSetId: ruleSet?.id ?? null,
    ruleCode: d.rule,
    ruleParams: { ...d.params, ruleVersion: ruleSet?.version ?? 0 },
    explanation: d.text,
    hsaFsaEligible: d.hsaFsaEligible,
    createdBy: null,
  });
  return id
    ? { id, amountCents: d.amountCents, organizationId: visit.organization_id, patientId: visit.patient_id }
    : null;
}

/** Writes a visit's charge and, when something is owed, the statement that tells the patient. */
export async function writeChargeAndStatement(repo: BillingRepository, encounterId: string) {
  const c = await writeCharge(repo, encounterId);
  if (c && c.amountCents > 0) await repo.insertStatement(c.organizationId, c.patientId);
  return c;
}

/** The same on a database handle, for callers outside the module (the demo seed, inside its transaction). */
export function chargeEndedVisit(db: Db, encounterId: string) {
  return writeChargeAndStatement(new BillingRepository(db), encounterId);
}
