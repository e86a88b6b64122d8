import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';

/** Where checkpoints are signed and kept (config.audit). */
export interface CheckpointConfig {
  /** Ed25519 private key (PKCS#8 PEM), outside the database and the data folder. */
  signingKeyFile: string;
  /** One signed JSON line per checkpoint, appended. */
  checkpointFile: string;
}

/** A signed statement: "the chain had reached `seq` with hash `hash` at `at`". */
export interface Checkpoint {
  seq: string;
  hash: string;
  at: string;
  /** SHA-256 of the public key (DER), first 16 hex digits: which key signed. */
  keyId: string;
  /** Ed25519 signature (base64) over the canonical payload. */
  sig: string;
}

const payload = (c: Omit<Checkpoint, 'sig'>): Buffer =>
  Buffer.from(`portico-audit-checkpoint\n${c.seq}\n${c.hash}\n${c.at}\n${c.keyId}`, 'utf8');

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The signing key: read from the file, or (first start) made and written there with owner-only
 * permissions. `create: false` (verification) never makes one.
 */
export async function loadSigningKey(
  file: string,
  opts: { create: boolean },
): Promise<{ privateKey: KeyObject | null; publicKey: KeyObject } | null> {
  let pem = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (pem === null) {
    if (!opts.create) return null;
    const pair = generateKeyPairSync('ed25519');
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      await writeFile(file, pem, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      pem = await readFile(file, 'utf8');
    }
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} does not hold an Ed25519 private key`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Signs the chain's head and appends it as one line to the checkpoint file. */
export async function writeCheckpoint(
  config: CheckpointConfig,
  head: { seq: string; hash: string },
  now = new Date(),
): Promise<Checkpoint> {
  const key = await loadSigningKey(config.signingKeyFile, { create: true });
  if (!key?.privateKey) throw new Error('no audit signing key');
  const unsigned = { seq: head.seq, hash: head.hash, at: now.toISOString(), keyId: keyId(key.publicKey) };
  const checkpoint: Checkpoint = { ...unsigned, sig: sign(null, payload(unsigned), key.privateKey).toString('base64') };
  await mkdir(dirname(config.checkpointFile), { recursive: true, mode: 0o700 });
  await appendFile(config.checkpointFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Every checkpoint in the file (none when it does not exist); a malformed line is an error naming it. */
export async function readCheckpoints(file: string): Promise<Checkpoint[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const c = JSON.parse(line) as Partial<Checkpoint>;
      if (![c.seq, c.hash, c.at, c.keyId, c.sig].every((v) => typeof v === 'string')) {
        throw new Error(`checkpoint line ${i + 1} of ${file} is malformed`);
      }
      return c as Checkpoint;
    });
}

export function signatureValid(c: Checkpoint, publicKey: KeyObject): boolean {
  if (c.keyId !== keyId(publicKey)) return false;
  const { sig, ...unsigned } = c;
  return verify(null, payload(unsigned), publicKey, Buffer.from(sig, 'base64'));
}
