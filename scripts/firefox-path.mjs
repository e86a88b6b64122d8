// Finds a Firefox binary for the mixed-browser end-to-end tests. Shared by ensure-firefox.mjs and e2e/.
import { accessSync, constants, statSync } from 'node:fs';
import { which } from './chromium-path.mjs';

/** Absolute paths tried in order after PORTICO_FIREFOX: Debian's ESR first (what CI installs). */
export const FIREFOX_PATHS = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];

/** Command names looked up on PATH when none of the fixed paths exists. */
export const FIREFOX_COMMANDS = ['firefox-esr', 'firefox'];

/**
 * @param {string} file
 * @returns {boolean}
 */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Firefox to use: PORTICO_FIREFOX when set (it must exist), otherwise Debian's firefox-esr
 * and the usual locations, then those commands on PATH. Null when there is none.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function findFirefox(env = process.env) {
  const override = env['PORTICO_FIREFOX'];
  if (override !== undefined && override !== '') {
    if (!isExecutable(override)) {
      throw new Error(`PORTICO_FIREFOX is set to ${override}, but that is not an executable file.`);
    }
    return override;
  }
  for (const file of FIREFOX_PATHS) {
    if (isExecutable(file)) return file;
  }
  for (const command of FIREFOX_COMMANDS) {
    const found = which(command, env['PATH'] ?? '');
    if (found) return found;
  }
  return null;
}

/** What to tell someone who has no Firefox. */
export const FIREFOX_INSTALL_HINT =
  'The mixed-browser visit tests need Firefox (ESR 128 or newer, for WebDriver BiDi). Install it with ' +
  '`sudo apt-get install firefox-esr` (Debian), or point PORTICO_FIREFOX at a Firefox binary, e.g. ' +
  'PORTICO_FIREFOX=/path/to/firefox npm run test:e2e.';
