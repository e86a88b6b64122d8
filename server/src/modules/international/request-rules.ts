import type { RequestDetails, RequestKind } from '@portico/contracts';
import { validation } from '../../lib/errors.js';

type Field = keyof RequestDetails;

/** The fields each kind of request must carry, and the ones it may. */
const RULES: Record<RequestKind, { required: Field[]; optional: Field[] }> = {
  appointment: { required: ['appointmentAction'], optional: ['preferredDates'] },
  admission: { required: [], optional: ['dietaryNeeds', 'preferredDates'] },
  interpreter: { required: ['language'], optional: [] },
  records_transfer: { required: ['direction', 'institution'], optional: ['institutionContact'] },
  doctor_correspondence: { required: ['doctorName'], optional: ['doctorEmail', 'institution'] },
  financial: { required: [], optional: [] },
  guest_services: { required: ['guestTopic'], optional: ['preferredDates'] },
  second_opinion: { required: [], optional: [] },
};

const MESSAGES: Partial<Record<Field, string>> = {
  appointmentAction: 'Choose schedule, reschedule or follow-up.',
  language: 'Enter the language you need an interpreter for.',
  direction: 'Choose whether records come to us or go from us.',
  institution: 'Enter the hospital or clinic.',
  doctorName: "Enter your doctor's name.",
  guestTopic: 'Choose lodging, dining or directions.',
};

/** Keeps the fields that belong to the kind (trimmed), and names every missing one. */
export function checkDetails(kind: RequestKind, details: RequestDetails): Record<string, string> {
  const rule = RULES[kind];
  const out: Record<string, string> = {};
  const missing = [];
  for (const field of [...rule.required, ...rule.optional]) {
    const value = details[field]?.trim();
    if (value) out[field] = value;
    else if (rule.required.includes(field)) {
      missing.push({ field: `details.${field}`, message: MESSAGES[field] ?? 'This field is required.' });
    }
  }
  if (missing.length) throw validation(missing);
  return out;
}
