import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import {
  CapabilityLinks,
  DOCTOR_LINKS,
  GUEST_LINKS,
  PHYSICIAN_UPLOAD_LINKS,
  type CapabilityLink,
} from './capability-links.js';
import { hashToken } from './tokens.js';

// The rules need no database: a query would fail loudly, so these tests prove none is made.
const noDb = {} as Kysely<Database>;
const noAudit = { record: () => Promise.reject(new Error('not expected')) };

const now = new Date('2030-05-01T12:00:00Z');
const link = (over: Partial<CapabilityLink>): CapabilityLink => ({
  id: 'l1',
  scopeId: 'r1',
  expiresAt: new Date('2030-05-02T12:00:00Z'),
  revokedAt: null,
  ...over,
});

describe('capability links', () => {
  it('hand out a fresh URL-safe secret of the kind’s size and store only its hash', () => {
    const guests = new CapabilityLinks(GUEST_LINKS, noDb, noAudit);
    const physicians = new CapabilityLinks(PHYSICIAN_UPLOAD_LINKS, noDb, noAudit);
    const a = guests.issue();
    const b = guests.issue();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 bytes
    expect(physicians.issue().token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes
    expect(a.tokenHash).toBe(hashToken(a.token));
    expect(a.tokenHash).not.toContain(a.token);
  });

  it('are open until they expire or are revoked; revoked wins over expired', () => {
    const links = new CapabilityLinks(DOCTOR_LINKS, noDb, noAudit);
    expect(links.state(link({}), now)).toBe('open');
    expect(links.state(link({ expiresAt: now }), now)).toBe('expired');
    expect(links.state(link({ revokedAt: new Date('2030-04-30T00:00:00Z') }), now)).toBe('revoked');
    expect(links.state(link({ expiresAt: new Date(0), revokedAt: new Date(0) }), now)).toBe('revoked');
    // Guest links have no expiry of their own: they end with their visit (the feature decides).
    expect(links.state(link({ expiresAt: null }), now)).toBe('open');
  });

  it('count days from now for expiry', () => {
    const links = new CapabilityLinks(DOCTOR_LINKS, noDb, noAudit);
    expect(links.expiresIn(14, now).toISOString()).toBe('2030-05-15T12:00:00.000Z');
  });

  it('treat a missing or overlong secret as unknown without a query', async () => {
    const links = new CapabilityLinks(PHYSICIAN_UPLOAD_LINKS, noDb, noAudit);
    await expect(links.find(undefined)).resolves.toBeUndefined();
    await expect(links.find('')).resolves.toBeUndefined();
    await expect(links.open('x'.repeat(101), 'r1')).resolves.toEqual({ state: 'unknown' });
  });
});
