/**
 * The media features that differ between browsers, found by feature detection (never by the
 * browser's name), so pages ask here instead of guessing. See docs/decisions/0029-firefox.md.
 */

/**
 * How this browser lets a page choose where sound plays:
 * - 'list': setSinkId, and the speakers are listed by enumerateDevices (Chrome, Edge);
 * - 'ask': setSinkId, but speakers are only revealed one at a time through the browser's own
 *   prompt, selectAudioOutput() (Firefox lists none until then);
 * - 'system': no setSinkId (Safari): sound goes where the device's settings send it.
 */
export type SpeakerChoice = 'list' | 'ask' | 'system';

interface AudioOutputPicker {
  selectAudioOutput?: (options?: { deviceId?: string }) => Promise<MediaDeviceInfo>;
}

function picker(): AudioOutputPicker | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.mediaDevices as AudioOutputPicker | undefined);
}

/** Whether media elements can be sent to a chosen speaker at all. */
export function canSetSink(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Whether the browser has its own speaker prompt (selectAudioOutput) that pages can open. */
export function canAskForSpeaker(): boolean {
  return canSetSink() && typeof picker()?.selectAudioOutput === 'function';
}

/** How speakers are chosen here, given how many enumerateDevices listed. */
export function speakerChoice(listedSpeakers: number): SpeakerChoice {
  if (!canSetSink()) return 'system';
  if (listedSpeakers > 0) return 'list';
  return canAskForSpeaker() ? 'ask' : 'system';
}

/**
 * Opens the browser's own speaker prompt (needs a click to start it). The chosen speaker, or
 * null when the person closed the prompt or the browser refused.
 */
export async function askForSpeaker(): Promise<MediaDeviceInfo | null> {
  const select = picker()?.selectAudioOutput;
  if (typeof select !== 'function') return null;
  try {
    return await select.call(navigator.mediaDevices);
  } catch {
    return null;
  }
}
