import { FhirError } from './outcome.js';
import type { Resource } from './resource.js';
import { COMMON_PARAMS, CONTROL_PARAMS, SEARCH_PARAMS, type ParamDef } from './search-params.js';

export type Query = Record<string, string | string[] | undefined>;

/** Every value at a dotted path, arrays flattened on the way down. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const key of path.split('.')) {
    current = current.flatMap((v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
      const next = (v as Record<string, unknown>)[key];
      if (next === undefined) return [];
      return Array.isArray(next) ? (next as unknown[]) : [next];
    });
  }
  return current;
}

const obj = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Token pairs of a value: a code string, a Coding, a CodeableConcept or an Identifier. */
function tokensOf(v: unknown): { system: string | null; code: string }[] {
  if (typeof v === 'string') return [{ system: null, code: v }];
  const o = obj(v);
  if (!o) return [];
  if (Array.isArray(o['coding'])) return o['coding'].flatMap(tokensOf);
  const code = typeof o['code'] === 'string' ? o['code'] : typeof o['value'] === 'string' ? o['value'] : null;
  return code ? [{ system: typeof o['system'] === 'string' ? o['system'] : null, code }] : [];
}

function matchToken(candidates: unknown[], wanted: string): boolean {
  const bar = wanted.indexOf('|');
  const system = bar >= 0 ? wanted.slice(0, bar) : null;
  const code = bar >= 0 ? wanted.slice(bar + 1) : wanted;
  return candidates.flatMap(tokensOf).some((t) => {
    if (system !== null && system !== '' && t.system !== system) return false;
    if (system === '' && t.system !== null) return false;
    return code === '' ? system !== null : t.code === code;
  });
}

const DATE_VALUE = /^(eq|ne|gt|lt|ge|le|sa|eb)?(\d{4})(?:-(\d{2})(?:-(\d{2})(T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A search date as the range it stands for ("2025-03" is all of March). */
export function parseDateParam(raw: string): { prefix: string; start: number; end: number } | null {
  const m = DATE_VALUE.exec(raw);
  if (!m) return null;
  const [, prefix = 'eq', y, mo, d, time] = m;
  let start: Date;
  let end: Date;
  if (time) {
    start = new Date(`${y}-${mo}-${d}${time.includes('Z') || /[+-]\d{2}:\d{2}$/.test(time) ? time : `${time}Z`}`);
    end = new Date(start.getTime() + 1000);
  } else if (d) {
    start = new Date(`${y}-${mo}-${d}T00:00:00Z`);
    end = new Date(start.getTime() + 86_400_000);
  } else if (mo) {
    start = new Date(`${y}-${mo}-01T00:00:00Z`);
    end = new Date(Date.UTC(Number(y), Number(mo), 1));
  } else {
    start = new Date(`${y}-01-01T00:00:00Z`);
    end = new Date(Date.UTC(Number(y) + 1, 0, 1));
  }
  if (!Number.isFinite(start.getTime()) || !Number.isFinite(end.getTime())) return null;
  return { prefix, start: start.getTime(), end: end.getTime() };
}

function matchDate(candidates: unknown[], wanted: string): boolean {
  const want = parseDateParam(wanted);
  if (!want) return false;
  return candidates.some((v) => {
    if (typeof v !== 'string') return false;
    const at = new Date(v.length === 10 ? `${v}T00:00:00Z` : v).getTime();
    if (!Number.isFinite(at)) return false;
    switch (want.prefix) {
      case 'ne':
        return at < want.start || at >= want.end;
      case 'gt':
      case 'sa':
        return at >= want.end;
      case 'ge':
        return at >= want.start;
      case 'lt':
      case 'eb':
        return at < want.start;
      case 'le':
        return at < want.end;
      default:
        return at >= want.start && at < want.end;
    }
  });
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matchString(candidates: unknown[], wanted: string): boolean {
  const w = fold(wanted);
  return candidates.some((v) => typeof v === 'string' && fold(v).startsWith(w));
}

function matchReference(candidates: unknown[], wanted: string, targets: readonly string[]): boolean {
  const refs = candidates.map((c) => obj(c)?.['reference']).filter((r): r is string => typeof r === 'string');
  const full = wanted.includes('/')
    ? [wanted.replace(/^.*\/([A-Za-z]+\/[^/]+)$/, '$1')]
    : targets.map((t) => `${t}/${wanted}`);
  return refs.some((r) => full.includes(r));
}

/** The parameter definition for a name on a type, or null when the API does not support it. */
export function paramFor(type: string, name: string): ParamDef | null {
  return SEARCH_PARAMS[type]?.[name] ?? COMMON_PARAMS[name] ?? null;
}

/** Does a resource match one parameter (any of the comma-separated values)? */
export function matches(resource: Resource, def: ParamDef, raw: string, modifier: string | null): boolean {
  const candidates = def.paths.flatMap((p) => (p === 'id' ? [resource.id] : valuesAt(resource, p)));
  if (modifier === 'missing') return (candidates.length === 0) === (raw === 'true');
  const values = raw.split(',').map((v) => v.replace(/\\,/g, ','));
  return values.some((value) => {
    switch (def.kind) {
      case 'token':
        return matchToken(candidates, value);
      case 'date':
        return matchDate(candidates, value);
      case 'string':
        return modifier === 'exact'
          ? candidates.some((c) => c === value)
          : modifier === 'contains'
            ? candidates.some((c) => typeof c === 'string' && fold(c).includes(fold(value)))
            : matchString(candidates, value);
      case 'reference':
        return matchReference(candidates, value, def.targets ?? []);
    }
  });
}

export interface Filter {
  name: string;
  def: ParamDef;
  modifier: string | null;
  values: string[];
}

const MODIFIERS = new Set(['missing', 'exact', 'contains']);

/** Reads the query into filters; unknown parameters are a 400 OperationOutcome, not silently ignored. */
export function filtersOf(type: string, query: Query): Filter[] {
  const filters: Filter[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined || CONTROL_PARAMS.has(key)) continue;
    const [name = '', modifier = null] = key.split(':');
    const def = paramFor(type, name);
    if (!def)
      throw new FhirError(
        400,
        'not-supported',
        `The search parameter "${name.slice(0, 60)}" is not supported on ${type}.`,
      );
    if (modifier !== null && !MODIFIERS.has(modifier)) {
      throw new FhirError(400, 'not-supported', `The modifier ":${modifier.slice(0, 30)}" is not supported.`);
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (def.kind === 'date') {
      for (const v of values) {
        for (const part of v.split(',')) {
          if (!parseDateParam(part))
            throw new FhirError(400, 'invalid', `"${part.slice(0, 40)}" is not a date search value.`);
        }
      }
    }
    filters.push({ name, def, modifier, values });
  }
  return filters;
}

/** Repeated parameters AND together; comma-separated values within one OR together. */
export function applyFilters(resources: readonly Resource[], filters: readonly Filter[]): Resource[] {
  return resources.filter((r) => filters.every((f) => f.values.every((v) => matches(r, f.def, v, f.modifier))));
}

/** One control parameter's single value. */
export function single(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function list(query: Query, name: string): string[] {
  const v = query[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
