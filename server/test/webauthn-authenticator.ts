import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { WebAuthnResponse } from '@portico/contracts';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string): Buffer => createHash('sha256').update(bytes).digest();

/**
 * A software authenticator that speaks WebAuthn as a browser and a platform authenticator do:
 * a real P-256 key, real authenticator data, real ECDSA signatures over
 * authenticatorData || SHA-256(clientDataJSON), "none" attestation. The server verifies its answers
 * with the same library and checks as for Chromium's virtual authenticator (e2e/passkeys).
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** The signature counter the next answer carries (then it moves on by one). */
  counter = 1;
  userHandle: string | null = null;

  constructor(
    private readonly origin: string,
    private readonly rpId = new URL(origin).hostname,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** Answers navigator.credentials.create() options. */
  create(options: Record<string, unknown>, opts: { uv?: boolean } = {}): WebAuthnResponse {
    const challenge = String(options['challenge']);
    const user = options['user'] as { id: string };
    this.userHandle = user.id;
    const clientDataJSON = this.clientData('webauthn.create', challenge);
    const authData = this.authData(UP | (opts.uv === false ? 0 : UV) | AT, this.attested());
    const attestation = new Map<string, string | Uint8Array | Map<string, string>>();
    attestation.set('fmt', 'none');
    attestation.set('attStmt', new Map<string, string>());
    attestation.set('authData', new Uint8Array(authData));
    const attestationObject = isoCBOR.encode(attestation);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** Answers navigator.credentials.get() options (or any challenge, to try tricks). */
  get(
    options: Record<string, unknown>,
    opts: { uv?: boolean; origin?: string; userHandle?: string | null } = {},
  ): WebAuthnResponse {
    const clientDataJSON = this.clientData('webauthn.get', String(options['challenge']), opts.origin);
    const authData = this.authData(UP | (opts.uv === false ? 0 : UV));
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    const handle = opts.userHandle === undefined ? this.userHandle : opts.userHandle;
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(handle ? { userHandle: handle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  private clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private authData(flags: number, attested: Buffer = Buffer.alloc(0)): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    this.counter += 1;
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), count, attested]);
  }

  /** AAGUID (zeros), credential id length and id, and the COSE public key. */
  private attested(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(String(jwk.x), 'base64url'))],
        [-3, new Uint8Array(Buffer.from(String(jwk.y), 'base64url'))],
      ]),
    );
    const len = Buffer.alloc(2);
    len.writeUInt16BE(this.credentialId.length);
    return Buffer.concat([Buffer.alloc(16), len, this.credentialId, Buffer.from(cose)]);
  }
}
