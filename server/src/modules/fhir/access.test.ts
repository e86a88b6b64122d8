import { describe, expect, it } from 'vitest';
import { allows, onlyUnsupportedContexts, parseScope, parseScopes } from './access.js';

const grant = (scopes: string[], patientId: string | null = 'p1') => ({ scopes, patientId });

describe('SMART scope parser', () => {
  it('reads v2 permissions in cruds order', () => {
    expect(parseScope('patient/Observation.rs')).toEqual({
      context: 'patient',
      type: 'Observation',
      read: true,
      search: true,
    });
    expect(parseScope('patient/Observation.r')).toEqual({
      context: 'patient',
      type: 'Observation',
      read: true,
      search: false,
    });
    expect(parseScope('patient/Observation.s')).toEqual({
      context: 'patient',
      type: 'Observation',
      read: false,
      search: true,
    });
    expect(parseScope('patient/*.cruds')).toEqual({ context: 'patient', type: '*', read: true, search: true });
    expect(parseScope('system/*.rs')).toEqual({ context: 'system', type: '*', read: true, search: true });
  });

  it('reads v1 .read and .* as read and search', () => {
    expect(parseScope('patient/Observation.read')).toEqual({
      context: 'patient',
      type: 'Observation',
      read: true,
      search: true,
    });
    expect(parseScope('patient/*.read')).toEqual({ context: 'patient', type: '*', read: true, search: true });
    expect(parseScope('patient/*.*')).toEqual({ context: 'patient', type: '*', read: true, search: true });
  });

  it('refuses what is not a readable resource scope', () => {
    for (const s of [
      'openid',
      'fhirUser',
      'launch/patient',
      'offline_access',
      'patient/Observation.write',
      'patient/Observation.c',
      'patient/Observation.sr',
      'patient/Observation.rrs',
      'patient/observation.rs',
      'patient/Observation.rs?category=laboratory',
      'patient/Observation',
      'doctor/Observation.rs',
      'patient/Observation.rs extra',
    ]) {
      expect(parseScope(s), s).toBeNull();
    }
  });

  it('parses a token scope string and keeps only resource scopes', () => {
    expect(
      parseScopes('openid fhirUser launch/patient patient/Patient.r patient/Observation.rs offline_access'),
    ).toEqual([
      { context: 'patient', type: 'Patient', read: true, search: false },
      { context: 'patient', type: 'Observation', read: true, search: true },
    ]);
  });
});

describe('what a grant allows', () => {
  it('per type and interaction', () => {
    const g = grant(['patient/Observation.rs', 'patient/Patient.r']);
    expect(allows(g, 'Observation', 'read')).toBe(true);
    expect(allows(g, 'Observation', 'search')).toBe(true);
    expect(allows(g, 'Patient', 'read')).toBe(true);
    expect(allows(g, 'Patient', 'search')).toBe(false);
    expect(allows(g, 'Condition', 'read')).toBe(false);
  });

  it('wildcards reach every type; .s alone does not read', () => {
    expect(allows(grant(['patient/*.rs']), 'Condition', 'read')).toBe(true);
    expect(allows(grant(['patient/*.s']), 'Condition', 'read')).toBe(false);
    expect(allows(grant(['patient/*.s']), 'Condition', 'search')).toBe(true);
    expect(allows(grant(['patient/*.read']), 'Encounter', 'search')).toBe(true);
  });

  it('refuses system and user scopes for now, and any grant without a patient', () => {
    expect(allows(grant(['system/*.rs']), 'Observation', 'read')).toBe(false);
    expect(allows(grant(['user/*.rs']), 'Observation', 'read')).toBe(false);
    expect(allows(grant(['patient/*.rs'], null), 'Observation', 'read')).toBe(false);
    expect(onlyUnsupportedContexts(grant(['system/*.rs']))).toBe(true);
    expect(onlyUnsupportedContexts(grant(['system/*.rs', 'patient/Patient.r']))).toBe(false);
  });
});
