import type { VisitType } from '@portico/contracts';
import type { VisitTypeRow } from './repository.js';

/** The shape clients see for a visit type. */
export function toVisitTypeDto(v: VisitTypeRow): VisitType {
  return {
    id: v.id,
    name: v.name,
    mode: v.mode,
    durationMinutes: v.duration_minutes,
    bufferMinutes: v.buffer_minutes,
    newPatient: v.new_patient,
    active: v.active,
  };
}
