import { readFile } from 'node:fs/promises';
import type { FilesConfig } from '../config.js';
import { keyFingerprint, type Manifest } from './manifest.js';

/** Which master key seals new files in this configuration: from the environment, or the key file. */
export async function currentFileKey(files: FilesConfig): Promise<Manifest['fileKey']> {
  if (files.masterKey) return { source: 'PORTICO_FILE_KEY', fingerprint: keyFingerprint(files.masterKey.bytes) };
  const text = await readFile(files.keyFile, 'utf8').catch(() => null);
  if (text === null) return null;
  return { source: 'key file', fingerprint: keyFingerprint(Buffer.from(text.trim(), 'base64')) };
}

/** Fingerprints of the earlier master keys still configured for reading (PORTICO_FILE_MASTER_KEY_PREVIOUS). */
export function previousFileKeys(files: FilesConfig): string[] {
  return files.previousKeys.map((k) => keyFingerprint(k.bytes));
}
