import { describe, expect, it } from 'vitest';
import { ALL_AREAS } from '../proxies/index.js';
import { covers, effectiveScopes, narrow, parseResourceScope, readableTypes, typesForAreas } from './scopes.js';

describe('SMART scopes', () => {
  it('reads v2 and v1 scopes, and nothing else', () => {
    expect(parseResourceScope('patient/Observation.rs')).toEqual({
      context: 'patient',
      type: 'Observation',
      read: true,
      search: true,
    });
    expect(parseResourceScope('patient/*.read')).toEqual({ context: 'patient', type: '*', read: true, search: true });
    expect(parseResourceScope('user/Patient.r')).toMatchObject({ read: true, search: false });
    expect(parseResourceScope('patient/Spaceship.rs')).toBeNull();
    expect(parseResourceScope('openid')).toBeNull();
  });

  it('narrows a request to what the app may have, wildcards covering types but not more permissions', () => {
    expect(covers('patient/*.rs', 'patient/Observation.r')).toBe(true);
    expect(covers('patient/Observation.r', 'patient/Observation.rs')).toBe(false);
    expect(covers('patient/*.rs', 'user/Observation.rs')).toBe(false);
    expect(
      narrow(
        ['openid', 'patient/*.rs', 'patient/Observation.rs', 'patient/*.cruds'],
        ['openid', 'patient/Observation.rs'],
      ),
    ).toEqual({
      granted: ['openid', 'patient/Observation.rs'],
      rejected: ['patient/*.rs'],
    });
  });

  it('spells wildcards out for limited proxy access and drops the types outside it', () => {
    const types = typesForAreas(['results'], ALL_AREAS);
    expect(types).toContain('Observation');
    expect(types).toContain('Patient');
    expect(types).not.toContain('MedicationRequest');
    expect(typesForAreas(ALL_AREAS, ALL_AREAS)).toBeNull();
    const scopes = effectiveScopes(['openid', 'patient/*.rs', 'patient/MedicationRequest.rs'], types);
    expect(scopes).toContain('patient/Observation.rs');
    expect(scopes).not.toContain('patient/*.rs');
    expect(scopes).not.toContain('patient/MedicationRequest.rs');
    expect(readableTypes(scopes)).not.toContain('MedicationRequest');
    expect(readableTypes(['patient/*.rs', 'patient/Observation.rs'])).toEqual(['*']);
  });
});
