import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { TestContext } from './context.js';

/**
 * A SMART client's own signing key (backend services, private_key_jwt apps), its public half
 * served as a JWKS on 127.0.0.1 — which oidc-provider fetches only with PORTICO_SMART_PRIVATE_JWKS=true.
 */
export interface ClientKeys {
  /** The key set's URL: register the app with it. */
  jwksUri: string;
  /** A client assertion for the token endpoint, signed with this key, or with `key` (a forgery). */
  assertion(clientId: string, key?: CryptoKey): Promise<Record<string, string>>;
  /** Stops serving the key set. */
  close(): Promise<void>;
}

/** Makes an RS384 key pair named `kid` and serves its public half until `close()`. */
export async function clientKeys(ctx: TestContext, kid: string): Promise<ClientKeys> {
  const pair = await generateKeyPair('RS384', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS384', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    async assertion(clientId, key = pair.privateKey) {
      const jwt = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS384', kid, typ: 'JWT' })
        .setIssuer(clientId)
        .setSubject(clientId)
        .setAudience(`${ctx.config.publicUrl}/oauth/token`)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
      return {
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
