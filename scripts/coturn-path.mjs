// Finds coturn's turnserver for the TURN end-to-end test. Shared by ensure-coturn.mjs and e2e/.
import { accessSync, constants } from 'node:fs';
import { which } from './chromium-path.mjs';

/**
 * PORTICO_TURNSERVER when set (it must be executable), else /usr/bin/turnserver, else `turnserver`
 * on PATH. Null when there is none.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function findTurnserver(env = process.env) {
  const override = env['PORTICO_TURNSERVER'];
  if (override !== undefined && override !== '') {
    accessSync(override, constants.X_OK);
    return override;
  }
  try {
    accessSync('/usr/bin/turnserver', constants.X_OK);
    return '/usr/bin/turnserver';
  } catch {
    return which('turnserver', env['PATH'] ?? '');
  }
}

/** What to tell someone who has no coturn. */
export const TURN_INSTALL_HINT =
  'The TURN end-to-end test needs coturn. Install it with `sudo apt-get install coturn` (Debian/Ubuntu; ' +
  '`brew install coturn` on macOS), or point PORTICO_TURNSERVER at a turnserver binary. The test starts ' +
  'its own turnserver on 127.0.0.1; the system service can stay disabled.';
