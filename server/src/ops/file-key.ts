import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FilesConfig } from '../config.js';
import { KEY_FILE } from './files.js';
import { keyFingerprint, type Manifest } from './manifest.js';

/** Which master key seals the files in this configuration: from PORTICO_FILE_KEY, or the key file. */
export async function currentFileKey(files: FilesConfig): Promise<Manifest['fileKey']> {
  if (files.masterKey) return { source: 'PORTICO_FILE_KEY', fingerprint: keyFingerprint(files.masterKey.bytes) };
  const text = await readFile(join(files.dir, KEY_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  return { source: 'key file', fingerprint: keyFingerprint(Buffer.from(text.trim(), 'base64')) };
}
