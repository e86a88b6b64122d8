import type { ResultCategory } from '../../db/schema.js';
import { VITAL_KINDS, type CodeTest, type RecordQuery, type TimeTest, type VitalKind } from '../results/index.js';
import { codeOf, observationCategory, reportCategory } from './map-clinical.js';
import { VITAL_SIGNS_CATEGORY, vitalCode } from './map-vitals.js';
import { LOINC, ref, type Resource } from './resource.js';
import { matches, parseDateParam, type Filter } from './search.js';

/** The types whose searches the database answers (filters, order, paging, counts). */
export type SqlSearchType = 'Observation' | 'DiagnosticReport';
export const isSqlSearchType = (t: string): t is SqlSearchType => t === 'Observation' || t === 'DiagnosticReport';

const LAB_CATEGORIES: readonly ResultCategory[] = ['lab', 'imaging', 'pathology'];
const STATUSES = ['preliminary', 'final', 'amended', 'corrected'] as const;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_CODE_SYSTEM = 'urn:portico:local-code';

/** The comma-separated alternatives of one value, split the way search.ts `matches` splits them. */
const alternatives = (raw: string): string[] => raw.split(',').map((v) => v.replace(/\\,/g, ','));

const stub = (type: string, fields: Record<string, unknown>): Resource => ({ resourceType: type, id: '', ...fields });

/** Which of a small set of stored values a filter lets through (each value mapped to FHIR and tested). */
function allowed<T>(f: Filter, domain: readonly T[], asResource: (v: T) => Resource): T[] {
  return domain.filter((v) => f.values.every((raw) => matches(asResource(v), f.def, raw, null)));
}

/** One token value split into system and code, as search.ts reads it. */
function token(value: string): { system: string | null; code: string } {
  const bar = value.indexOf('|');
  return bar >= 0 ? { system: value.slice(0, bar), code: value.slice(bar + 1) } : { system: null, code: value };
}

/** A lab code filter as SQL tests: the stored code, or every code of a system. */
function codeTests(type: string, raw: string): CodeTest[] {
  return alternatives(raw).flatMap((value): CodeTest[] => {
    const { system, code } = token(value);
    if (code !== '') return matches(stub(type, { code: codeOf(code, code) }), CODE_DEF, value, null) ? [{ code }] : [];
    if (system === LOINC) return [{ shape: 'loinc' }];
    if (system === LOCAL_CODE_SYSTEM) return [{ shape: 'local' }];
    return [];
  });
}
const CODE_DEF = { kind: 'token', paths: ['code'] } as const;

function idTests(raw: string): string[] {
  return alternatives(raw).flatMap((value) => {
    const { system, code } = token(value);
    return (system === null || system === '') && UUID.test(code) ? [code.toLowerCase()] : [];
  });
}

function timeTests(raw: string): TimeTest[] {
  return alternatives(raw).flatMap((value) => {
    const d = parseDateParam(value);
    return d ? [{ prefix: d.prefix, start: new Date(d.start), end: new Date(d.end) }] : [];
  });
}

const intersect = <T>(a: readonly T[], b: readonly T[]): T[] => a.filter((x) => b.includes(x));

/**
 * A search of Observation or DiagnosticReport as a database query over one patient's record, or
 * null when a filter needs the in-memory evaluation (modifiers, reference parameters other than
 * the patient): the results are the same either way, SQL is just faster.
 */
export function recordQuery(
  type: SqlSearchType,
  filters: readonly Filter[],
  at: { patientId: string; now: Date },
  paging: { limit: number; offset: number; total: boolean },
): RecordQuery | null {
  const q = {
    ...at,
    ...paging,
    labCategories: [...LAB_CATEGORIES] as ResultCategory[],
    vitalKinds: type === 'Observation' ? [...VITAL_KINDS] : ([] as VitalKind[]),
    labCodes: [] as CodeTest[][],
    ids: [] as string[][],
    statuses: [] as string[][],
    effective: [] as TimeTest[][],
    updated: [] as TimeTest[][],
  };
  for (const f of filters) {
    if (f.modifier !== null) return null;
    switch (f.name) {
      case 'patient':
      case 'subject': {
        const self = stub(type, { subject: ref('Patient', at.patientId) });
        if (!f.values.every((raw) => matches(self, f.def, raw, null))) {
          q.labCategories = [];
          q.vitalKinds = [];
        }
        break;
      }
      case 'category': {
        const asLab = (c: ResultCategory) =>
          stub(type, { category: [type === 'Observation' ? observationCategory(c) : reportCategory(c)] });
        q.labCategories = intersect(q.labCategories, allowed(f, LAB_CATEGORIES, asLab));
        if (type === 'Observation') {
          const vitalsMatch = allowed(f, [true], () => stub(type, { category: [VITAL_SIGNS_CATEGORY] })).length > 0;
          if (!vitalsMatch) q.vitalKinds = [];
        }
        break;
      }
      case 'code':
        for (const raw of f.values) q.labCodes.push(codeTests(type, raw));
        q.vitalKinds = intersect(
          q.vitalKinds,
          allowed(f, VITAL_KINDS, (k) => stub(type, { code: vitalCode(k) })),
        );
        break;
      case 'status':
        for (const raw of f.values) {
          q.statuses.push(STATUSES.filter((s) => matches(stub(type, { status: s }), f.def, raw, null)));
        }
        break;
      case 'date':
        for (const raw of f.values) q.effective.push(timeTests(raw));
        break;
      case '_lastUpdated':
        for (const raw of f.values) q.updated.push(timeTests(raw));
        break;
      case '_id':
        for (const raw of f.values) q.ids.push(idTests(raw));
        break;
      default:
        return null;
    }
  }
  return q;
}
