/** A short two-note chime as a 16-bit mono WAV file: the speaker test's sound, made on the spot. */
export function chimeWav(sampleRate = 22_050): Uint8Array<ArrayBuffer> {
  const notes = [
    { hz: 659.25, seconds: 0.45 },
    { hz: 880, seconds: 0.75 },
  ];
  const total = notes.reduce((n, note) => n + Math.round(note.seconds * sampleRate), 0);
  const buffer = new ArrayBuffer(44 + total * 2);
  const view = new DataView(buffer);
  writeHeader(view, sampleRate, total);
  let offset = 44;
  for (const note of notes) {
    const count = Math.round(note.seconds * sampleRate);
    for (let i = 0; i < count; i++) {
      const t = i / sampleRate;
      // A quick attack and an exponential fade: a soft bell, not a harsh beep.
      const envelope = Math.min(1, t / 0.01) * Math.exp((-3 * i) / count);
      const sample = Math.sin(2 * Math.PI * note.hz * t) * envelope * 0.6;
      view.setInt16(offset, Math.round(sample * 32767), true);
      offset += 2;
    }
  }
  return new Uint8Array(buffer);
}

function writeHeader(view: DataView, sampleRate: number, samples: number): void {
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // PCM header size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per sample frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
}
