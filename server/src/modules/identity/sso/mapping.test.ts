import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config.js';
import { claimValues, mapClaims } from './mapping.js';

const sso = loadConfig({
  PORTICO_SSO_ISSUER: 'https://login.hospital.example/realms/staff',
  PORTICO_SSO_CLIENT_ID: 'portico',
  PORTICO_SSO_ROLE_MAP: 'doctors=clinician,desk=staff,it=admin',
  PORTICO_SSO_REQUIRED_GROUP: 'portico',
  PORTICO_SSO_ORGANIZATION_MAP: 'HGH=harbor-general',
}).sso;
if (!sso) throw new Error('SSO should be configured');
const settings = sso.settings;

describe('SSO claim mapping', () => {
  it('takes the most privileged mapped role and the mapped organization', () => {
    const mapped = mapClaims(
      { groups: ['portico', 'doctors', 'it'], organization: 'HGH', email: 'A@H.example', email_verified: 'true' },
      settings,
    );
    expect(mapped).toEqual({
      ok: true,
      person: expect.objectContaining({
        role: 'admin',
        organizationSlug: 'harbor-general',
        email: 'a@h.example',
        emailVerified: true,
      }),
    });
  });

  it('refuses without the required group, without a mapped role, or without an organization', () => {
    expect(mapClaims({ groups: ['doctors'], organization: 'HGH' }, settings)).toEqual({
      ok: false,
      refusal: 'sso_not_in_group',
    });
    expect(mapClaims({ groups: ['portico'], organization: 'HGH' }, settings)).toEqual({
      ok: false,
      refusal: 'sso_no_role',
    });
    expect(mapClaims({ groups: ['portico', 'desk'] }, settings)).toEqual({
      ok: false,
      refusal: 'sso_unknown_organization',
    });
  });

  it('reads a groups claim sent as one string, and takes an unmapped organization value as a slug', () => {
    expect(claimValues({ groups: 'portico desk,other' }, 'groups')).toEqual(['portico', 'desk', 'other']);
    const mapped = mapClaims({ groups: 'portico desk', organization: 'harbor-cancer' }, settings);
    expect(mapped).toMatchObject({ ok: true, person: { role: 'staff', organizationSlug: 'harbor-cancer' } });
  });
});

describe('SSO configuration', () => {
  const base = { PORTICO_SSO_ISSUER: 'https://idp.example', PORTICO_SSO_CLIENT_ID: 'p' };
  it('is off without an issuer, and names the variable that is wrong', () => {
    expect(loadConfig({}).sso).toBeNull();
    expect(() => loadConfig({ ...base })).toThrow(/PORTICO_SSO_ROLE_MAP/);
    expect(() => loadConfig({ ...base, PORTICO_SSO_ROLE_MAP: 'g=patient' })).toThrow(/patients never sign in/);
    expect(() => loadConfig({ ...base, PORTICO_SSO_ROLE_MAP: 'nonsense' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORTICO_SSO_ISSUER: 'http://idp.example', PORTICO_SSO_CLIENT_ID: 'p' })).toThrow(
      /PORTICO_SSO_ISSUER/,
    );
  });

  it('never shows the client secret when printed', () => {
    const config = loadConfig({ ...base, PORTICO_SSO_ROLE_MAP: 'g=staff', PORTICO_SSO_CLIENT_SECRET: 'sUp3r-s3cret' });
    expect(JSON.stringify(config)).not.toContain('sUp3r-s3cret');
    expect(config.sso?.clientSecret).toBe('sUp3r-s3cret');
    expect(config.workforceLocalPasswords).toBe(true);
  });
});
