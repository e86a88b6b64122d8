import { describe, expect, it } from 'vitest';
import {
  challengeFromClientData,
  counterLooksCloned,
  relyingParty,
  transportsToText,
  userVerificationRequired,
} from './webauthn.js';

describe('relying party from the public URL', () => {
  it('binds passkeys to the host name, without port or path; the origin keeps the port', () => {
    expect(relyingParty('https://portal.harbor.example:8443/')).toEqual({
      rpID: 'portal.harbor.example',
      origin: 'https://portal.harbor.example:8443',
      rpName: 'Portico',
    });
    expect(relyingParty('http://localhost:3000')?.rpID).toBe('localhost');
  });

  it('turns passkeys off for an IP address, which browsers refuse as an RP ID', () => {
    expect(relyingParty('http://127.0.0.1:3000')).toBeNull();
    expect(relyingParty('http://[::1]:3000')).toBeNull();
  });
});

describe('user verification', () => {
  it('is needed when the passkey stands in for the password, not as the second step', () => {
    expect(userVerificationRequired('sign_in')).toBe(true);
    expect(userVerificationRequired('step_up')).toBe(true);
    expect(userVerificationRequired('second_factor')).toBe(false);
    expect(userVerificationRequired('register')).toBe(false);
  });
});

describe('clone detection by signature counter', () => {
  it('accepts a counter that moves forward and authenticators that keep none', () => {
    expect(counterLooksCloned(0, 0)).toBe(false);
    expect(counterLooksCloned(4, 5)).toBe(false);
    expect(counterLooksCloned(0, 1)).toBe(false);
  });
  it('flags a counter that stands still or goes back', () => {
    expect(counterLooksCloned(5, 5)).toBe(true);
    expect(counterLooksCloned(5, 3)).toBe(true);
    expect(counterLooksCloned(5, 0)).toBe(true);
  });
});

describe('reading the challenge', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it('reads the challenge from clientDataJSON', () => {
    const challenge = 'abcdefghijklmnopqrstuvwxyz012345';
    expect(challengeFromClientData(encode({ type: 'webauthn.get', challenge }))).toBe(challenge);
  });
  it('gives null for anything else', () => {
    expect(challengeFromClientData(encode({ type: 'webauthn.get' }))).toBeNull();
    expect(challengeFromClientData(encode({ challenge: 'short' }))).toBeNull();
    expect(challengeFromClientData('not base64 json')).toBeNull();
    expect(challengeFromClientData(42)).toBeNull();
  });
  it('keeps only well-formed transports', () => {
    expect(transportsToText(['internal', 'hybrid', 'bad value'])).toBe('internal,hybrid');
    expect(transportsToText(undefined)).toBe('');
  });
});
