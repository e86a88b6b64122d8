// Finds a Chromium or Chrome binary for the end-to-end tests. Shared by ensure-chromium.mjs and e2e/.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute paths tried in order after PORTICO_CHROMIUM. */
export const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Command names looked up on PATH when none of the fixed paths exists. */
export const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

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
 * Like `which`: the first executable called `command` on PATH.
 * @param {string} command
 * @param {string} [pathVariable]
 * @returns {string | null}
 */
export function which(command, pathVariable = process.env['PATH'] ?? '') {
  for (const dir of pathVariable.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * The Chromium to use: PORTICO_CHROMIUM when set (it must exist), otherwise the usual Debian/Ubuntu
 * and Google Chrome locations, then those commands on PATH. Null when there is none.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function findChromium(env = process.env) {
  const override = env['PORTICO_CHROMIUM'];
  if (override !== undefined && override !== '') {
    if (!isExecutable(override)) {
      throw new Error(`PORTICO_CHROMIUM is set to ${override}, but that is not an executable file.`);
    }
    return override;
  }
  for (const file of CHROMIUM_PATHS) {
    if (isExecutable(file)) return file;
  }
  for (const command of CHROMIUM_COMMANDS) {
    const found = which(command, env['PATH'] ?? '');
    if (found) return found;
  }
  return null;
}

/** What to tell someone who has no Chromium. */
export const INSTALL_HINT =
  'The end-to-end tests need Chromium or Google Chrome. Install it with `sudo apt-get install chromium` ' +
  '(Debian/Ubuntu; on Ubuntu the snap `chromium` also works), or point PORTICO_CHROMIUM at a Chrome/Chromium ' +
  'binary, e.g. PORTICO_CHROMIUM=/path/to/chrome npm run test:e2e.';
