import { describe, expect, it } from 'vitest';
import { qualityBetween, readSample } from './quality';

const report = (stats: Record<string, unknown>[]) =>
  new Map(stats.map((s) => [String(s['id']), s])) as unknown as RTCStatsReport;

/** Trimmed from a real Firefox 153 receiver's getStats() (fields as Firefox names them). */
const FIREFOX = [
  {
    id: 'a1',
    type: 'inbound-rtp',
    kind: 'audio',
    packetsReceived: 192,
    packetsLost: 0,
    audioLevel: 0.1,
    totalAudioEnergy: 0.0396,
  },
  { id: 'v1', type: 'inbound-rtp', kind: 'video', packetsReceived: 128, packetsLost: 2, framesDecoded: 111 },
  {
    id: 'p1',
    type: 'candidate-pair',
    nominated: false,
    selected: false,
    state: 'succeeded',
    currentRoundTripTime: 0.5,
  },
  { id: 'p2', type: 'candidate-pair', nominated: true, selected: true, state: 'succeeded', currentRoundTripTime: 0.02 },
  { id: 't1', type: 'transport', selectedCandidatePairId: 'p2', dtlsState: 'connected' },
];

describe('readSample', () => {
  it("reads Firefox's report: frames, sound packets and energy, and the selected pair's round trip", () => {
    const sample = readSample(report(FIREFOX), 1000);
    expect(sample).toEqual({
      at: 1000,
      packetsReceived: 320,
      packetsLost: 2,
      videoFramesDecoded: 111,
      audioPacketsReceived: 192,
      audioEnergy: 0.0396,
      rttMs: 20,
      // Firefox reports no availableOutgoingBitrate: unknown, so it never pauses video on its own.
      outgoingBitrate: null,
    });
  });

  it('finds the pair in use without a transport entry (older Firefox marks it `selected`)', () => {
    const older = FIREFOX.filter((s) => s.type !== 'transport');
    expect(readSample(report(older)).rttMs).toBe(20);
  });

  it('sums sound energy only from audio, and counts none when the sender stays silent', () => {
    const silent = FIREFOX.map((s) => (s.id === 'a1' ? { ...s, totalAudioEnergy: 0 } : s));
    expect(readSample(report(silent)).audioEnergy).toBe(0);
    const previous = readSample(report(FIREFOX), 0);
    expect(qualityBetween(previous, readSample(report(FIREFOX), 2000)).lossPercent).toBe(0);
  });
});
