import { afterEach, describe, expect, it, vi } from 'vitest';
import { askForSpeaker, canAskForSpeaker, speakerChoice } from './browserMedia';

/** A stand-in for the browser's globals: media elements with or without setSinkId, and mediaDevices. */
function browser(options: { setSinkId: boolean; selectAudioOutput?: () => Promise<unknown> }) {
  const proto = options.setSinkId ? { setSinkId: () => Promise.resolve() } : {};
  vi.stubGlobal('HTMLMediaElement', { prototype: proto });
  const mediaDevices = options.selectAudioOutput ? { selectAudioOutput: options.selectAudioOutput } : {};
  vi.stubGlobal('navigator', { mediaDevices });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('speakerChoice', () => {
  it('lists speakers where the browser lists them (Chrome, Edge)', () => {
    browser({ setSinkId: true });
    expect(speakerChoice(2)).toBe('list');
  });

  it("asks through the browser's own prompt where none are listed but selectAudioOutput exists (Firefox)", () => {
    browser({ setSinkId: true, selectAudioOutput: () => Promise.resolve({ deviceId: 'x' }) });
    expect(speakerChoice(0)).toBe('ask');
    expect(canAskForSpeaker()).toBe(true);
  });

  it('leaves it to the system without setSinkId (Safari), whatever else is there', () => {
    browser({ setSinkId: false, selectAudioOutput: () => Promise.resolve({ deviceId: 'x' }) });
    expect(speakerChoice(3)).toBe('system');
    expect(canAskForSpeaker()).toBe(false);
  });

  it('leaves it to the system when speakers are neither listed nor askable', () => {
    browser({ setSinkId: true });
    expect(speakerChoice(0)).toBe('system');
  });
});

describe('askForSpeaker', () => {
  it('returns the device picked in the prompt, and null when the prompt is closed', async () => {
    const picked = { deviceId: 'spk-1', label: 'Headphones' };
    browser({ setSinkId: true, selectAudioOutput: () => Promise.resolve(picked) });
    expect(await askForSpeaker()).toBe(picked);
    browser({
      setSinkId: true,
      selectAudioOutput: () => Promise.reject(new DOMException('closed', 'NotAllowedError')),
    });
    expect(await askForSpeaker()).toBeNull();
  });
});
