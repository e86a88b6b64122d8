import type { FieldError, IgnoredEntry, ResultCategory } from '@portico/contracts';
import type { NewReportData } from './model.js';
import {
  readObservation,
  readPanel,
  type Entry,
  type ParsedObservation,
  type ParsedPanel,
} from './fhir-observation.js';
import { readPatientEntry, IGNORED_REASONS } from './fhir-patient.js';
import {
  codesOf,
  isObject,
  Problems,
  readConcept,
  readDateTime,
  readStatus,
  type Json,
  type StoredStatus,
} from './fhir-types.js';

export const MAX_BUNDLE_ENTRIES = 1000;

/** HL7 v2-0074 diagnostic service sections (and plain words) to Portico's three kinds. */
const CATEGORY_CODES: Record<string, ResultCategory> = {
  lab: 'lab',
  LAB: 'lab',
  CH: 'lab',
  HM: 'lab',
  IMM: 'lab',
  MB: 'lab',
  SR: 'lab',
  UR: 'lab',
  BG: 'lab',
  CG: 'lab',
  imaging: 'imaging',
  RAD: 'imaging',
  IMG: 'imaging',
  CT: 'imaging',
  NMR: 'imaging',
  US: 'imaging',
  XRC: 'imaging',
  NMS: 'imaging',
  RUS: 'imaging',
  CUS: 'imaging',
  pathology: 'pathology',
  PAT: 'pathology',
  SP: 'pathology',
  CP: 'pathology',
};

export type BundleResult =
  | {
      ok: true;
      reports: NewReportData[];
      /** Each report's JSON path in the bundle. */ paths: string[];
      /** Resources Portico does not keep, listed for the sender. */ ignored: IgnoredEntry[];
    }
  | { ok: false; problems: FieldError[] };

/** The patient a bundle is imported for. */
export interface ImportTarget {
  id: string;
  mrn: string;
}

/**
 * Reads a FHIR R4 Bundle (collection or transaction) of DiagnosticReports and the Observations
 * they list in `result` (directly, or as members of a panel), all about one patient. The bundle
 * may also carry the Patient (matched by MRN, referred to by its fullUrl) and resources Portico
 * does not keep (Practitioner, Encounter, Condition ...), which are listed as ignored. Either
 * every report comes back ready to store, or every problem found comes back with its JSON path:
 * a bad bundle is refused whole.
 */
export function parseBundle(input: unknown, target: ImportTarget, now: Date): BundleResult {
  const patientId = target.id;
  const p = new Problems();
  if (!isObject(input)) {
    p.add('', 'Send a FHIR Bundle: a JSON object with "resourceType": "Bundle".');
    return { ok: false, problems: p.list };
  }
  if (input['resourceType'] !== 'Bundle') p.add('resourceType', 'Must be "Bundle".');
  if (input['type'] !== 'collection' && input['type'] !== 'transaction') {
    p.add('type', 'Must be "collection" or "transaction".');
  }
  const raw = input['entry'];
  if (!Array.isArray(raw) || raw.length === 0) {
    p.add('entry', 'The bundle has no entries.');
    return { ok: false, problems: p.list };
  }
  if (raw.length > MAX_BUNDLE_ENTRIES) {
    p.add('entry', `A bundle can hold at most ${MAX_BUNDLE_ENTRIES} entries; split it into smaller ones.`);
    return { ok: false, problems: p.list };
  }

  const entries: Entry[] = [];
  const byRef = new Map<string, Entry>();
  const ignored: IgnoredEntry[] = [];
  const patientRefs = new Set<string>([`Patient/${patientId}`]);
  raw.forEach((e: unknown, index) => {
    const path = `entry[${index}]`;
    if (!isObject(e) || !isObject(e['resource'])) {
      p.add(`${path}.resource`, 'Each entry needs a resource.');
      return;
    }
    const resource = e['resource'];
    const type = resource['resourceType'];
    if (typeof type !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(type)) {
      p.add(`${path}.resource.resourceType`, 'Each resource needs its resourceType.');
      return;
    }
    if (type === 'Patient') {
      const fullUrl = typeof e['fullUrl'] === 'string' ? e['fullUrl'] : null;
      for (const key of readPatientEntry({ index, path: `${path}.resource`, resource }, fullUrl, target, p)) {
        patientRefs.add(key);
      }
      return;
    }
    if (type !== 'DiagnosticReport' && type !== 'Observation') {
      ignored.push({
        field: `${path}.resource`,
        resourceType: type,
        reason: IGNORED_REASONS[type] ?? 'Portico does not keep this kind of resource.',
      });
      return;
    }
    const entry = { index, path: `${path}.resource`, resource };
    entries.push(entry);
    const keys = [
      typeof e['fullUrl'] === 'string' ? e['fullUrl'] : null,
      typeof resource['id'] === 'string' ? `${type}/${resource['id']}` : null,
    ];
    for (const key of keys) {
      if (!key) continue;
      if (byRef.has(key)) p.add(`${path}.fullUrl`, `Two entries are both "${key.slice(0, 80)}".`);
      else byRef.set(key, entry);
    }
  });

  const subject = `Patient/${patientId}`;
  for (const e of entries) {
    const ref = isObject(e.resource['subject']) ? e.resource['subject']['reference'] : undefined;
    if (typeof ref !== 'string' || !patientRefs.has(ref)) {
      p.add(
        `${e.path}.subject.reference`,
        `Must be "${subject}" or the fullUrl of this patient's Patient entry, the patient these results are for.`,
      );
    }
  }

  const observations = new Map<number, ParsedObservation | null>();
  const panels = new Map<number, ParsedPanel>();
  for (const e of entries) {
    if (e.resource['resourceType'] !== 'Observation') continue;
    const panel = readPanel(e, p);
    if (panel) panels.set(e.index, panel);
    else observations.set(e.index, readObservation(e, p, now));
  }

  const usedBy = new Map<number, number>();
  const reports: NewReportData[] = [];
  const paths: string[] = [];
  const externalIds = new Map<string, number>();
  for (const e of entries) {
    if (e.resource['resourceType'] !== 'DiagnosticReport') continue;
    const head = readReportHead(e, p, now);
    const results = Array.isArray(e.resource['result']) ? e.resource['result'] : [];
    if (e.resource['result'] !== undefined && !Array.isArray(e.resource['result'])) {
      p.add(`${e.path}.result`, 'Must be a list of references to Observations.');
    }
    const own: ParsedObservation[] = [];
    results.forEach((r: unknown, j) => {
      const path = `${e.path}.result[${j}].reference`;
      const ref = isObject(r) ? r['reference'] : undefined;
      const target = typeof ref === 'string' ? byRef.get(ref) : undefined;
      if (typeof ref !== 'string') return p.add(path, 'Each result needs a reference to an Observation.');
      if (!target || target.resource['resourceType'] !== 'Observation') {
        return p.add(path, `"${ref.slice(0, 80)}" is not an Observation in this bundle.`);
      }
      if (usedBy.has(target.index)) {
        return p.add(path, `entry[${target.index}] is already a result of another report.`);
      }
      usedBy.set(target.index, e.index);
      const panel = panels.get(target.index);
      if (!panel) {
        const obs = observations.get(target.index);
        if (obs) own.push(obs);
        return;
      }
      // A panel's members are the report's values; the panel itself only groups them.
      panel.members.forEach((memberRef, k) => {
        const memberPath = `${target.path}.hasMember[${k}].reference`;
        const member = byRef.get(memberRef);
        if (!member || member.resource['resourceType'] !== 'Observation' || panels.has(member.index)) {
          return p.add(memberPath, `"${memberRef.slice(0, 80)}" is not an Observation with a value in this bundle.`);
        }
        if (usedBy.has(member.index)) return p.add(memberPath, `entry[${member.index}] is already a result elsewhere.`);
        usedBy.set(member.index, e.index);
        const obs = observations.get(member.index);
        if (obs) own.push(obs);
      });
    });
    if (!head) continue;
    if (head.category === 'lab' && results.length === 0) {
      p.add(`${e.path}.result`, 'A lab report needs at least one Observation in result.');
    }
    if (head.category !== 'lab' && results.length === 0 && !head.conclusion) {
      p.add(`${e.path}.conclusion`, 'An imaging or pathology report needs a conclusion or results.');
    }
    if (head.externalId) {
      const seen = externalIds.get(head.externalId);
      if (seen !== undefined) p.add(`${e.path}.identifier`, `entry[${seen}] has the same identifier.`);
      externalIds.set(head.externalId, e.index);
    }
    paths.push(e.path);
    reports.push({
      ...head,
      comment: null,
      observations: own.map((o) => ({ ...o, effectiveAt: o.effectiveAt ?? head.effectiveAt })),
    });
  }
  if (!entries.some((e) => e.resource['resourceType'] === 'DiagnosticReport')) {
    p.add('entry', 'The bundle has no DiagnosticReport.');
  }
  for (const index of [...observations.keys(), ...panels.keys()]) {
    if (!usedBy.has(index)) {
      p.add(
        `entry[${index}].resource`,
        "This Observation is not in any DiagnosticReport's result list (or a panel's hasMember).",
      );
    }
  }
  return p.count > 0 ? { ok: false, problems: byEntry(p.list) } : { ok: true, reports, paths, ignored };
}

/** Problems in the order of the bundle: the bundle's own first, then entry by entry. */
function byEntry(problems: FieldError[]): FieldError[] {
  const index = (field: string) => Number(/^entry\[(\d+)\]/.exec(field)?.[1] ?? -1);
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => index(a.problem.field) - index(b.problem.field) || a.order - b.order)
    .map((x) => x.problem);
}

/** Identifiers look like "system|value"; an id alone is used when there is no identifier. */
function externalIdOf(r: Json): string | null {
  const ids = Array.isArray(r['identifier']) ? r['identifier'].filter(isObject) : [];
  const first = ids.find((i) => typeof i['value'] === 'string' && i['value'].trim());
  if (first) {
    const system = typeof first['system'] === 'string' ? first['system'] : '';
    return `${system}|${String(first['value'])}`.slice(0, 200);
  }
  return typeof r['id'] === 'string' && r['id'] ? `id|${r['id']}`.slice(0, 200) : null;
}

type ReportHead = Omit<NewReportData, 'observations' | 'comment'>;

function readReportHead(e: Entry, p: Problems, now: Date): ReportHead | null {
  const r = e.resource;
  const before = p.count;
  const status = readStatus(r['status'], `${e.path}.status`, p);
  const concept = readConcept(r['code'], `${e.path}.code`, p);
  const category = codesOf(r['category'])
    .map((c) => CATEGORY_CODES[c])
    .find(Boolean);
  if (!category) {
    p.add(`${e.path}.category`, 'Say what kind of report this is: a category coding LAB, RAD or PAT.');
  }
  const period = isObject(r['effectivePeriod']) ? r['effectivePeriod']['start'] : undefined;
  const effectiveAt = readDateTime(r['effectiveDateTime'] ?? period, `${e.path}.effectiveDateTime`, p, true);
  const issuedAt = readDateTime(r['issued'], `${e.path}.issued`, p, true);
  const soon = now.getTime() + 5 * 60_000;
  if (effectiveAt && effectiveAt.getTime() > soon) p.add(`${e.path}.effectiveDateTime`, 'This is in the future.');
  if (issuedAt && issuedAt.getTime() > soon) p.add(`${e.path}.issued`, 'This is in the future.');
  const conclusion = r['conclusion'];
  if (conclusion !== undefined && (typeof conclusion !== 'string' || conclusion.length > 20000)) {
    p.add(`${e.path}.conclusion`, 'Must be text of at most 20,000 characters.');
  }
  if (p.count > before || !status || !concept || !category || !effectiveAt || !issuedAt) return null;
  return {
    code: concept.code,
    name: concept.name,
    category,
    status: status satisfies StoredStatus,
    effectiveAt,
    issuedAt,
    conclusion: typeof conclusion === 'string' && conclusion.trim() ? conclusion.trim() : null,
    externalId: externalIdOf(r),
  };
}
