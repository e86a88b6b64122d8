import { createHmac } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { CONNECTIVITY_DEFAULT_BYTES, CONNECTIVITY_MAX_BYTES, type ConnectivityIceServers } from '@portico/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';

const TURN_SECRET = 'a-long-shared-secret-for-the-check';
const TURN_URLS = 'turn:turn.test.example:3478?transport=udp,turns:turn.test.example:5349';
const STUN_URLS = 'stun:stun.test.example:3478';

let plain: TestContext;
let relay: TestContext;
beforeAll(async () => {
  plain = await createTestContext();
  relay = await createTestContext({
    PORTICO_STUN_URLS: STUN_URLS,
    PORTICO_TURN_URLS: TURN_URLS,
    PORTICO_TURN_SECRET: TURN_SECRET,
  });
});
afterAll(async () => {
  await plain?.close();
  await relay?.close();
});

let ipCounter = 0;
/** Each test speaks from its own address so the per-address limits never mix tests up. */
const freshIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json<{ code: string; errors?: { field: string }[] }>();
  expect(body.code).toBe(code);
  return body;
}

const download = (query: string, ip = freshIp()) =>
  plain.app.inject({ method: 'GET', url: `/api/connectivity/download${query}`, remoteAddress: ip });

const upload = (payload: Buffer | string, headers: Record<string, string> = {}, ip = freshIp()) =>
  plain.app.inject({
    method: 'POST',
    url: '/api/connectivity/upload',
    remoteAddress: ip,
    headers: { 'content-type': 'application/octet-stream', ...headers },
    payload,
  });

describe('round trip', () => {
  it('answers a tiny, uncached ping to anyone', async () => {
    const res = await plain.app.inject({ method: 'GET', url: '/api/connectivity/ping', remoteAddress: freshIp() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.length).toBeLessThan(100);
    expect(Date.parse(res.json<{ serverTime: string }>().serverTime)).not.toBeNaN();
  });
});

describe('download', () => {
  it('sends exactly the bytes asked for, random and uncached', async () => {
    for (const bytes of [1, 1000, CONNECTIVITY_MAX_BYTES]) {
      const res = await download(`?bytes=${bytes}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBe(bytes);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('sends a default amount when none is named', async () => {
    const res = await download('');
    expect(res.rawPayload.length).toBe(CONNECTIVITY_DEFAULT_BYTES);
  });

  it('sends bytes that do not compress, and different ones each time', async () => {
    const a = (await download('?bytes=65536')).rawPayload;
    const b = (await download('?bytes=65536')).rawPayload;
    expect(a.equals(b)).toBe(false);
    expect(deflateRawSync(a).length).toBeGreaterThan(a.length * 0.99);
  });

  it.each(['0', '-5', String(CONNECTIVITY_MAX_BYTES + 1), 'lots', '1.5', ''])(
    'refuses bytes=%s with validation_failed naming the field',
    async (value) => {
      const body = expectProblem(await download(`?bytes=${value}`), 400, 'validation_failed');
      expect(body.errors?.[0]?.field).toBe('bytes');
    },
  );

  it('refuses unknown parameters', async () => {
    expectProblem(await download('?bytes=10&extra=1'), 400, 'validation_failed');
  });
});

describe('upload', () => {
  it('counts what arrived and says how long receiving it took', async () => {
    for (const size of [1, 100_000, CONNECTIVITY_MAX_BYTES]) {
      const res = await upload(Buffer.alloc(size, 7));
      expect(res.statusCode).toBe(200);
      const result = res.json<{ bytes: number; ms: number }>();
      expect(result.bytes).toBe(size);
      expect(result.ms).toBeGreaterThanOrEqual(0);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('counts an empty body as zero bytes', async () => {
    const res = await upload(Buffer.alloc(0));
    expect(res.statusCode).toBe(200);
    expect(res.json<{ bytes: number }>().bytes).toBe(0);
  });

  it('refuses more than 2 MiB', async () => {
    expectProblem(await upload(Buffer.alloc(CONNECTIVITY_MAX_BYTES + 1)), 413, 'body_too_large');
  });

  it('accepts raw bytes only', async () => {
    expectProblem(await upload('hello', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
  });

  it('refuses uploads sent from another website', async () => {
    expectProblem(await upload(Buffer.alloc(10), { origin: 'https://evil.example' }), 403, 'csrf_failed');
  });

  it('works signed in with the session security token, and not without it', async () => {
    const user = await createUser(plain, 'patient');
    const agent = await signIn(plain.app, user.email);
    const withToken = await upload(Buffer.alloc(10), { cookie: agent.cookie, 'x-csrf-token': agent.csrf });
    expect(withToken.json<{ bytes: number }>().bytes).toBe(10);
    expectProblem(await upload(Buffer.alloc(10), { cookie: agent.cookie }), 403, 'csrf_failed');
  });
});

describe('relay (TURN) for the check', () => {
  const iceServers = (ctx: TestContext, ip = freshIp()) =>
    ctx.app.inject({ method: 'GET', url: '/api/connectivity/ice-servers', remoteAddress: ip });

  it('says no relay is configured when there is none, and hands out no credentials', async () => {
    const res = await iceServers(plain);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ iceServers: [], expiresAt: null, relayConfigured: false });
  });

  it('mints coturn credentials that expire within five minutes, named for no one', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await iceServers(relay);
    expect(res.statusCode).toBe(200);
    const body = res.json<ConnectivityIceServers>();
    expect(body.relayConfigured).toBe(true);
    expect(body.iceServers[0]).toEqual({ urls: [STUN_URLS] });
    const turn = body.iceServers[1];
    expect(turn?.urls).toEqual(TURN_URLS.split(','));
    const match = /^(\d+):check-[0-9a-f]{12}$/.exec(turn?.username ?? '');
    expect(match).not.toBeNull();
    const expiry = Number(match?.[1]);
    expect(expiry).toBeGreaterThan(before);
    expect(expiry).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
    expect(Date.parse(body.expiresAt ?? '') / 1000).toBe(expiry);
    const expected = createHmac('sha1', TURN_SECRET)
      .update(turn?.username ?? '')
      .digest('base64');
    expect(turn?.credential).toBe(expected);
  });

  it('gives every caller a different name', async () => {
    const a = (await iceServers(relay)).json<ConnectivityIceServers>().iceServers[1]?.username;
    const b = (await iceServers(relay)).json<ConnectivityIceServers>().iceServers[1]?.username;
    expect(a).not.toBe(b);
  });

  it('gives signed-in people the same short-lived kind of credential', async () => {
    const user = await createUser(relay, 'patient');
    const agent = await signIn(relay.app, user.email);
    const res = await agent.inject('GET', '/api/connectivity/ice-servers');
    const username = res.json<ConnectivityIceServers>().iceServers[1]?.username ?? '';
    expect(username).toMatch(/^\d+:check-[0-9a-f]{12}$/);
    expect(username).not.toContain(user.id);
  });
});

describe('per-address limits', () => {
  it('stops handing out relay credentials to one address after 10 a minute, not to others', async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(
        (await relay.app.inject({ method: 'GET', url: '/api/connectivity/ice-servers', remoteAddress: ip })).statusCode,
      );
    }
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    const limited = await relay.app.inject({ method: 'GET', url: '/api/connectivity/ice-servers', remoteAddress: ip });
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await relay.app.inject({
      method: 'GET',
      url: '/api/connectivity/ice-servers',
      remoteAddress: freshIp(),
    });
    expect(other.statusCode).toBe(200);
  });

  it('limits downloads and uploads per address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      expect((await download('?bytes=1', ip)).statusCode).toBe(200);
      expect((await upload(Buffer.alloc(1), {}, ip)).statusCode).toBe(200);
    }
    expectProblem(await download('?bytes=1', ip), 429, 'rate_limited');
    expectProblem(await upload(Buffer.alloc(1), {}, ip), 429, 'rate_limited');
    expect((await download('?bytes=1')).statusCode).toBe(200);
  });
});
