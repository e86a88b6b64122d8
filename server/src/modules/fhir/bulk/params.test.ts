import { describe, expect, it } from 'vitest';
import { FhirError } from '../outcome.js';
import { parseKickoff } from './params.js';

const ASYNC = { prefer: 'respond-async', accept: 'application/fhir+json' };
const ALL = { scopes: ['system/*.rs'] };
const NOW = new Date('2026-12-01T00:00:00Z');

function refusal(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof FhirError) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('bulk export kick-off parameters', () => {
  it('exports every readable type by default, and only the asked types with _type', () => {
    expect(parseKickoff({}, ASYNC, ALL, NOW).types).toContain('Observation');
    expect(parseKickoff({}, ASYNC, { scopes: ['system/Patient.read', 'system/Observation.r'] }, NOW).types).toEqual([
      'Patient',
      'Observation',
    ]);
    expect(parseKickoff({ _type: 'Observation,Patient' }, ASYNC, ALL, NOW).types).toEqual(['Patient', 'Observation']);
    expect(parseKickoff({ _type: ['Patient', 'Coverage'] }, ASYNC, ALL, NOW).types).toEqual(['Patient', 'Coverage']);
    // Search-only scopes do not read.
    expect(refusal(() => parseKickoff({}, ASYNC, { scopes: ['system/*.s'] }, NOW)).status).toBe(403);
    expect(
      refusal(() => parseKickoff({ _type: 'Observation' }, ASYNC, { scopes: ['system/Patient.rs'] }, NOW)).status,
    ).toBe(403);
  });

  it('parses _since as an instant and refuses other forms', () => {
    expect(parseKickoff({ _since: '2026-01-31T10:00:00+02:00' }, ASYNC, ALL, NOW).since?.toISOString()).toBe(
      '2026-01-31T08:00:00.000Z',
    );
    expect(parseKickoff({ _since: '2026-01-31' }, ASYNC, ALL, NOW).since?.toISOString()).toBe(
      '2026-01-31T00:00:00.000Z',
    );
    for (const since of ['yesterday', '2026-01-31T10:00:00', '2027-01-01T00:00:00Z']) {
      expect(refusal(() => parseKickoff({ _since: since }, ASYNC, ALL, NOW)).status, since).toBe(400);
    }
  });

  it('refuses what it does not support, with a 400', () => {
    const bad: [Record<string, string>, { prefer?: string; accept?: string }][] = [
      [{}, { accept: 'application/fhir+json' }],
      [{}, { prefer: 'respond-async', accept: 'text/html' }],
      [{ _outputFormat: 'text/csv' }, ASYNC],
      [{ _typeFilter: 'Observation?category=laboratory' }, ASYNC],
      [{ patient: 'Patient/1' }, ASYNC],
      [{ _type: 'Binary' }, ASYNC],
    ];
    for (const [query, headers] of bad) {
      expect(refusal(() => parseKickoff(query, headers, ALL, NOW)).status, JSON.stringify(query)).toBe(400);
    }
    for (const f of ['application/fhir+ndjson', 'application/ndjson', 'ndjson']) {
      expect(parseKickoff({ _outputFormat: f }, ASYNC, ALL, NOW).types.length).toBeGreaterThan(0);
    }
    expect(parseKickoff({}, { prefer: 'respond-async' }, ALL, NOW).since).toBeNull();
  });
});
