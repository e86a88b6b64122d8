/** `npm start` as package.json defines it, so benches run Portico the way a new user does. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface StartScript {
  /** `NAME=value` words before `node`: the environment the script sets. */
  env: Record<string, string>;
  /** Node's arguments: flags, the script, its command. */
  args: string[];
}

/** Reads package.json's `start` script: its environment and Node's arguments. */
export async function startScript(): Promise<StartScript> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = (pkg.scripts['start'] ?? '').split(/\s+/).filter(Boolean);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name = '', ...value] = (words.shift() ?? '').split('=');
    env[name] = value.join('=');
  }
  if (words[0] !== 'node') throw new Error(`package.json's start script does not run node: ${pkg.scripts['start']}`);
  return { env, args: words.slice(1) };
}
