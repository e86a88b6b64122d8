import { describe, expect, it } from 'vitest';
import { nextFromSearch, safeReturnPath, signInHref } from './returnPath';

describe('safeReturnPath', () => {
  it('keeps paths inside the app, with their query and hash', () => {
    expect(safeReturnPath('/appointments')).toBe('/appointments');
    expect(safeReturnPath('/appointments/book?clinician=a&start=2026-12-01T14%3A30%3A00.000Z')).toBe(
      '/appointments/book?clinician=a&start=2026-12-01T14%3A30%3A00.000Z',
    );
    expect(safeReturnPath('/find-a-doctor#results')).toBe('/find-a-doctor#results');
    // Percent-encoded characters stay encoded: they are data in a path, not a way out.
    expect(safeReturnPath('/a%0a%2F%2Fb')).toBe('/a%0a%2F%2Fb');
  });

  it('refuses anything that could leave the site or is not a path', () => {
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'appointments',
      '/\tevil',
      '/\nevil',
      '',
      '/signin',
      42,
      null,
      undefined,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBeUndefined();
    }
  });

  it('reads ?next= and builds sign-in links that round-trip', () => {
    const target = '/appointments/book?clinician=c&visitType=v&start=2026-12-01T14:30:00.000Z';
    const href = signInHref(target);
    expect(href.startsWith('/signin?next=')).toBe(true);
    expect(nextFromSearch(href.slice('/signin'.length))).toBe(
      '/appointments/book?clinician=c&visitType=v&start=2026-12-01T14:30:00.000Z',
    );
    expect(nextFromSearch('?next=%2F%2Fevil.example')).toBeUndefined();
    expect(signInHref('https://evil.example')).toBe('/signin');
  });
});
