import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './context.js';

let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Portico</title><div id="root"></div>');
  await writeFile(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  ctx = await createTestContext({ PORTICO_WEB_DIST: dir });
});
afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers every app path with index.html, never cached', async () => {
    for (const url of ['/', '/signin', '/appointments/123', '/verify-email?token=abc']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect((await ctx.app.inject({ method: 'HEAD', url: '/signin' })).statusCode).toBe(200);
  });

  it('serves fingerprinted assets for a year, and a missing asset is a real 404', async () => {
    const ok = await ctx.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gone = await ctx.app.inject({ method: 'GET', url: '/assets/app-old999.js' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps API paths as API: unknown ones are problem JSON, not the app', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('sends the strict CSP and the whole document set on the page and its files', async () => {
    for (const url of ['/', '/assets/app-abc123.js']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:\/\//); // no third-party origin anywhere
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['permissions-policy']).toContain('camera=(self)');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
