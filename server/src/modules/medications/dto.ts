import type { Medication, Pharmacy, RefillAnswerer, RefillQueueItem, RefillRequest } from '@portico/contracts';
import { refillEligibility, runsOutOn, type RefillPolicy } from './eligibility.js';
import type { PharmacyRow } from './pharmacy-repository.js';
import type { MedicationRow, Mine, RefillRow } from './repository.js';

export function toMedication(m: MedicationRow, policy: RefillPolicy, today: string): Medication {
  const runsOut = runsOutOn(
    { lastFilledOn: m.last_filled_on, daysSupply: m.days_supply, quantity: m.quantity },
    m.last_approved_on !== null && m.last_approved_quantity !== null
      ? { on: m.last_approved_on, quantity: m.last_approved_quantity }
      : null,
  );
  return {
    id: m.id,
    name: m.medication_name,
    strength: m.strength,
    directions: m.directions,
    quantity: m.quantity,
    quantityUnit: m.quantity_unit,
    daysSupply: m.days_supply,
    refillsAuthorized: m.refills_authorized,
    refillsRemaining: m.refills_remaining,
    lastFilledOn: m.last_filled_on,
    runsOutOn: runsOut,
    status: m.status,
    controlledSchedule: m.controlled_schedule,
    startedOn: m.started_on,
    prescriber: { id: m.prescriber_id, name: m.prescriber_name },
    refillAnsweredBy: refillRouting(m).answerer,
    refill: refillEligibility(
      {
        status: m.status,
        refillsRemaining: m.refills_remaining,
        controlledSchedule: m.controlled_schedule,
        openRequest: m.open_request,
        runsOutOn: runsOut,
      },
      policy,
      today,
    ),
  };
}

export function toRefill(r: RefillRow): RefillRequest {
  return {
    id: r.id,
    medicationId: r.medication_request_id,
    medicationName: r.medication_name,
    strength: r.strength,
    quantityUnit: r.quantity_unit,
    pharmacy: { id: r.pharmacy_id, name: r.pharmacy_name, phone: r.pharmacy_phone },
    note: r.note,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    requestedBy: r.requester_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decider_name,
    approvedQuantity: r.approved_quantity,
    reason: r.decision_reason,
  };
}

/**
 * Who a refill request sent now goes to, and the columns that record it: the prescriber when
 * available; else the patient's primary care clinician; else the care team pool; and when none of
 * them is there, the prescriber's name still (their service line's pool may answer).
 */
export function refillRouting(m: MedicationRow): {
  answerer: RefillAnswerer;
  answer_clinician_id: string | null;
  answer_pool_id: string | null;
} {
  const prescriber = { answerer: { kind: 'prescriber' as const, name: m.prescriber_name } };
  if (m.prescriber_available) return { ...prescriber, answer_clinician_id: null, answer_pool_id: null };
  if (m.pcp_id && m.pcp_name) {
    return {
      answerer: { kind: 'primary_care', name: m.pcp_name },
      answer_clinician_id: m.pcp_id,
      answer_pool_id: null,
    };
  }
  if (m.pool_id && m.pool_name) {
    return { answerer: { kind: 'care_team', name: m.pool_name }, answer_clinician_id: null, answer_pool_id: m.pool_id };
  }
  return { ...prescriber, answer_clinician_id: null, answer_pool_id: null };
}

/** Who answers a request already sent, as recorded when it was sent. */
export function answererOf(r: RefillRow): RefillAnswerer {
  if (r.answer_pool_name) return { kind: 'care_team', name: r.answer_pool_name };
  if (r.answer_clinician_name) return { kind: 'primary_care', name: r.answer_clinician_name };
  return { kind: 'prescriber', name: r.prescriber_name };
}

export function toQueueItem(r: RefillRow & { mine: Mine }): RefillQueueItem {
  return {
    ...toRefill(r),
    patient: { id: r.patient_id, name: r.patient_name, birthDate: r.birth_date },
    prescriber: { id: r.prescriber_id, name: r.prescriber_name },
    directions: r.directions,
    quantity: r.quantity,
    daysSupply: r.days_supply,
    refillsRemaining: r.refills_remaining,
    lastFilledOn: r.last_filled_on,
    controlledSchedule: r.controlled_schedule,
    pharmacyDetails: {
      id: r.pharmacy_id,
      name: r.pharmacy_name,
      addressLine1: r.pharmacy_line1,
      addressLine2: r.pharmacy_line2,
      city: r.pharmacy_city,
      state: r.pharmacy_state,
      postalCode: r.pharmacy_postal_code,
      phone: r.pharmacy_phone,
      ncpdpId: r.pharmacy_ncpdp_id,
      preferred: r.pharmacy_preferred,
    },
    answeredBy: answererOf(r),
    mine: r.mine,
    canDecide: r.mine !== null && r.status === 'requested',
  };
}

export function toPharmacy(p: PharmacyRow): Pharmacy {
  return {
    id: p.id,
    name: p.name,
    addressLine1: p.address_line1,
    addressLine2: p.address_line2,
    city: p.city,
    state: p.state,
    postalCode: p.postal_code,
    phone: p.phone,
    ncpdpId: p.ncpdp_id,
    preferred: p.preferred,
  };
}
