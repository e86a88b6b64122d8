import { describe, expect, it } from 'vitest';
import { defaultPoolSize, operationsConfig } from './operations.js';

describe('the PostgreSQL pool size', () => {
  it('is two connections per core, at most 10, when PostgreSQL shares this machine', () => {
    expect(defaultPoolSize('postgres://portico@127.0.0.1:5432/portico', 2)).toBe(4);
    expect(defaultPoolSize('postgres://portico@localhost/portico', 1)).toBe(2);
    expect(defaultPoolSize('postgres://portico@[::1]:5432/portico', 3)).toBe(6);
    expect(defaultPoolSize('postgresql:///portico?host=/var/run/postgresql', 2)).toBe(4);
    expect(defaultPoolSize('postgres://portico@127.0.0.1/portico', 16)).toBe(10);
  });

  it('is 10 for a database elsewhere, and whatever PORTICO_DATABASE_POOL_SIZE says', () => {
    expect(defaultPoolSize('postgres://portico@db.internal:5432/portico', 2)).toBe(10);
    expect(defaultPoolSize('postgres://portico@10.0.0.5/portico', 2)).toBe(10);
    expect(defaultPoolSize(undefined, 2)).toBe(10);
    expect(
      operationsConfig({ DATABASE_URL: 'postgres://p@127.0.0.1/p', PORTICO_DATABASE_POOL_SIZE: '25' }).databasePoolSize,
    ).toBe(25);
  });
});
