import { describe, expect, it } from 'vitest';
import { autofillAvailable, isIpAddress } from './passkeys';

// Passkey autofill on the sign-in page (issue 13): offered only where it can work, quietly absent elsewhere.
describe('whether the sign-in page offers passkeys in the email autofill', () => {
  const yes = () => Promise.resolve(true);

  it('offers them on a named host when the browser supports conditional mediation', async () => {
    expect(await autofillAvailable('portal.harbor.example', yes)).toBe(true);
    expect(await autofillAvailable('localhost', yes)).toBe(true);
  });

  it('falls back to the button when the browser cannot, or its check fails', async () => {
    expect(await autofillAvailable('portal.harbor.example', () => Promise.resolve(false))).toBe(false);
    expect(await autofillAvailable('portal.harbor.example', () => Promise.reject(new Error('no API')))).toBe(false);
  });

  it('never asks on an IP address, which WebAuthn refuses as a relying party', async () => {
    let asked = false;
    const spy = () => {
      asked = true;
      return Promise.resolve(true);
    };
    for (const host of ['127.0.0.1', '10.0.0.12', '[::1]', '::1', 'fe80::1']) {
      expect(await autofillAvailable(host, spy), host).toBe(false);
      expect(isIpAddress(host), host).toBe(true);
    }
    expect(asked).toBe(false);
    expect(isIpAddress('portico.example')).toBe(false);
    expect(isIpAddress('1portal.example')).toBe(false);
  });
});
