import { describe, expect, it } from 'vitest';
import { describeBrowser, networkPrefix } from './devices.js';

describe('where you are signed in', () => {
  it('names the browser and system plainly', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome on Android');
    expect(
      describeBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Windows',
    );
    expect(describeBrowser('lightMyRequest')).toBe('Unknown browser');
    expect(describeBrowser(null)).toBe('Unknown browser');
  });

  it('shows only a coarse network, never the full address', () => {
    expect(networkPrefix('203.0.113.77')).toBe('203.0.113.x');
    expect(networkPrefix('::ffff:198.51.100.9')).toBe('198.51.100.x');
    expect(networkPrefix('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
    expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkPrefix('not an address')).toBeNull();
    expect(networkPrefix(null)).toBeNull();
  });
});
