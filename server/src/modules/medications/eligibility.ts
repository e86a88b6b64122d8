import type { MedicationStatus, RefillBlock, RefillEligibility } from '@portico/contracts';

/** An organization's refill rules, from `settings.refillPolicy`, with defaults. */
export interface RefillPolicy {
  /** Whether controlled substances (DEA schedules II–V) may be renewed through the portal. Default no. */
  controlledSubstancesOnline: boolean;
  /** Patients are asked to request a refill at least this many days before they run out. Default 3. */
  minDaysBeforeRunOut: number;
  /** The number to call for what cannot be done online; the organization's help line by default. */
  officePhone: string;
}

export const DEFAULT_MIN_DAYS_BEFORE_RUN_OUT = 3;
const DAY_MS = 86_400_000;

export function refillPolicy(settings: Record<string, unknown>, fallbackPhone: string): RefillPolicy {
  const raw = settings['refillPolicy'];
  const rule = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const days = rule['minDaysBeforeRunOut'];
  const phone = rule['officePhone'];
  return {
    controlledSubstancesOnline: rule['controlledSubstancesOnline'] === true,
    minDaysBeforeRunOut:
      typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 30
        ? days
        : DEFAULT_MIN_DAYS_BEFORE_RUN_OUT,
    officePhone: typeof phone === 'string' && phone.trim() !== '' ? phone.trim() : fallbackPhone,
  };
}

/** The facts of one prescription that decide whether a refill can be asked for. */
export interface RefillFacts {
  status: MedicationStatus;
  refillsRemaining: number;
  controlledSchedule: string | null;
  /** A request for this prescription is waiting for a decision. */
  openRequest: boolean;
  runsOutOn: string | null;
}

const MESSAGES: Record<RefillBlock, (policy: RefillPolicy) => string> = {
  medication_not_active: () =>
    'This medication is not active, so it cannot be refilled. Ask your care team if you still need it.',
  refill_already_requested: () =>
    'A refill request for this medication is already waiting for your care team. You will get an email when it is answered.',
  controlled_substance_not_online: (p) =>
    `Refills of this medication cannot be requested online. Call the office at ${p.officePhone}.`,
  no_refills_remaining: () =>
    'No refills are left on this prescription. Ask your clinician for a new prescription: send a message or book a visit.',
};

/** The sentence a patient reads for a refused refill (also the API problem's detail). */
export function refillMessage(reason: RefillBlock, policy: RefillPolicy): string {
  return MESSAGES[reason](policy);
}

/**
 * Whether a refill can be asked for now, and if not, the first reason in the order a patient can
 * act on it: a stopped medication, a request already waiting, a controlled substance the
 * organization does not renew online, no refills left.
 */
export function refillEligibility(facts: RefillFacts, policy: RefillPolicy, today: string): RefillEligibility {
  const runsOutSoon = facts.runsOutOn !== null && daysBetween(today, facts.runsOutOn) < policy.minDaysBeforeRunOut;
  const block = firstBlock(facts, policy);
  if (!block) return { eligible: true, runsOutSoon };
  return {
    eligible: false,
    reason: block,
    message: refillMessage(block, policy),
    ...(block === 'controlled_substance_not_online' ? { phone: policy.officePhone } : {}),
    runsOutSoon: false,
  };
}

function firstBlock(facts: RefillFacts, policy: RefillPolicy): RefillBlock | null {
  if (facts.status !== 'active') return 'medication_not_active';
  if (facts.openRequest) return 'refill_already_requested';
  if (facts.controlledSchedule !== null && !policy.controlledSubstancesOnline) return 'controlled_substance_not_online';
  if (facts.refillsRemaining <= 0) return 'no_refills_remaining';
  return null;
}

/**
 * The day the current supply runs out: from the later of the last fill and the last approved
 * refill, for the days' supply (scaled when the refill was approved for another quantity).
 */
export function runsOutOn(
  med: { lastFilledOn: string | null; daysSupply: number | null; quantity: number },
  lastApproved: { on: string; quantity: number } | null,
): string | null {
  if (med.daysSupply === null) return null;
  const fromRefill = lastApproved !== null && (med.lastFilledOn === null || lastApproved.on > med.lastFilledOn);
  const start = fromRefill ? lastApproved.on : med.lastFilledOn;
  if (start === null) return null;
  const days = fromRefill ? Math.floor((med.daysSupply * lastApproved.quantity) / med.quantity) : med.daysSupply;
  return addDays(start, days);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return parts.format(now);
}
