import type { ResultObservation, ResultReport, ResultSummary, Trend } from '@portico/contracts';
import type { ObservationRow, ReportRow } from './repository.js';

export function toSummary(r: ReportRow, now: Date): ResultSummary {
  return {
    id: r.id,
    patientId: r.patient_id,
    code: r.code,
    name: r.name,
    category: r.category,
    status: r.status,
    effectiveAt: r.effective_at.toISOString(),
    issuedAt: r.issued_at.toISOString(),
    orderedBy: r.ordered_by,
    observationCount: r.observation_count,
    abnormalCount: r.abnormal_count,
    released: r.released_at.getTime() <= now.getTime(),
    releaseAt: r.released_at.toISOString(),
    hasComment: r.patient_comment !== null,
  };
}

function toObservation(o: ObservationRow): ResultObservation {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    value: o.value_numeric,
    valueText: o.value_text,
    dataAbsentReason: o.data_absent_reason,
    unit: o.unit,
    low: o.ref_low,
    high: o.ref_high,
    rangeText: o.ref_text,
    flag: o.interpretation,
    effectiveAt: o.effective_at.toISOString(),
  };
}

export function toReport(r: ReportRow, observations: ObservationRow[], now: Date): ResultReport {
  return {
    ...toSummary(r, now),
    patientName: r.patient_name,
    conclusion: r.conclusion,
    comment:
      r.patient_comment && r.comment_at
        ? { text: r.patient_comment, author: r.comment_author ?? '', at: r.comment_at.toISOString() }
        : null,
    observations: observations.map(toObservation),
  };
}

/**
 * The numeric values of one analyte, oldest first, in the unit of the latest value: values in
 * another unit are counted, not converted (a wrong conversion would be worse than a gap).
 * Null when there is nothing to chart.
 */
export function toTrend(code: string, rows: ObservationRow[]): Trend | null {
  const numeric = rows.filter((o) => o.value_numeric !== null && o.unit !== null);
  const latest = numeric[numeric.length - 1];
  if (!latest?.unit) return null;
  const same = numeric.filter((o) => o.unit === latest.unit);
  return {
    code,
    name: latest.name,
    unit: latest.unit,
    otherUnits: numeric.length - same.length,
    points: same.map((o) => ({
      reportId: o.report_id,
      effectiveAt: o.effective_at.toISOString(),
      value: o.value_numeric ?? 0,
      low: o.ref_low,
      high: o.ref_high,
      flag: o.interpretation,
    })),
  };
}
