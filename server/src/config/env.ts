/**
 * Reading one environment variable at a time. Every parser names the variable in its error, so a
 * wrong value stops start-up with a message that says what to fix.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The value, or `fallback` when unset or empty. */
export function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

/** A whole number between `min` and `max`. */
export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** true/false, 1/0, yes/no or on/off. */
export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

/** A URL with one of `protocols` (each with its colon, e.g. 'https:'), or null when unset. */
export function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/** A comma-separated list of URIs with one of `schemes` (without the colon, e.g. 'turn'). */
export function urlList(env: Env, name: string, schemes: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const list = raw
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const item of list) {
    const scheme = item.split(':')[0] ?? '';
    if (!schemes.includes(scheme)) {
      throw new ConfigError(name, `"${item}" must start with ${schemes.map((p) => `${p}:`).join(' or ')}`);
    }
  }
  return list;
}

/** "a=b,c=d" into a map; a pair without "=" or with an empty side names the variable. */
export function pairs(env: Env, name: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of str(env, name, '').split(',')) {
    if (item.trim() === '') continue;
    const at = item.lastIndexOf('=');
    const key = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (at < 0 || key === '' || value === '')
      throw new ConfigError(name, `"${item.trim()}" must look like claim-value=portico-value`);
    map.set(key, value);
  }
  return map;
}

/**
 * 32 random bytes in base64, or a ConfigError naming `name`. Never echoes the value: even a
 * mistyped key is mostly a key.
 */
export function base64Key(name: string, raw: string): Buffer {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new ConfigError(name, 'must be 32 random bytes in base64 (make one with: openssl rand -base64 32)');
  }
  return bytes;
}

/** True when the embedded database is kept in memory (tests, demos): key files then go to a temporary folder. */
export function inMemory(env: Env): boolean {
  return str(env, 'PORTICO_DATA_DIR', '') === 'memory://';
}
