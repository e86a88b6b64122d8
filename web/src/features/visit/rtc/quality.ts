/** Connection quality from RTCPeerConnection.getStats(), and when to fall back to audio only. */

export type Quality = 'good' | 'fair' | 'poor';

/** The numbers we read from one stats report (cumulative counters, as the browser gives them). */
export interface StatsSample {
  at: number;
  /** Inbound packets received and lost, audio and video together. */
  packetsReceived: number;
  packetsLost: number;
  videoFramesDecoded: number;
  audioPacketsReceived: number;
  /** Sum of totalAudioEnergy over received audio (grows while sound, not silence, arrives). */
  audioEnergy: number;
  /** From the selected candidate pair. */
  rttMs: number | null;
  outgoingBitrate: number | null;
}

export interface QualityReading {
  quality: Quality;
  lossPercent: number;
  rttMs: number | null;
}

type Stat = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function readSample(report: RTCStatsReport, at = Date.now()): StatsSample {
  const sample: StatsSample = {
    at,
    packetsReceived: 0,
    packetsLost: 0,
    videoFramesDecoded: 0,
    audioPacketsReceived: 0,
    audioEnergy: 0,
    rttMs: null,
    outgoingBitrate: null,
  };
  let selectedPair: string | null = null;
  const pairs = new Map<string, Stat>();
  report.forEach((value: unknown) => {
    const stat = value as Stat;
    if (stat['type'] === 'inbound-rtp') {
      sample.packetsReceived += num(stat['packetsReceived']);
      sample.packetsLost += Math.max(0, num(stat['packetsLost']));
      if (stat['kind'] === 'video') sample.videoFramesDecoded += num(stat['framesDecoded']);
      if (stat['kind'] === 'audio') {
        sample.audioPacketsReceived += num(stat['packetsReceived']);
        sample.audioEnergy += num(stat['totalAudioEnergy']);
      }
    } else if (stat['type'] === 'transport' && typeof stat['selectedCandidatePairId'] === 'string') {
      selectedPair = stat['selectedCandidatePairId'];
    } else if (stat['type'] === 'candidate-pair') {
      pairs.set(String(stat['id']), stat);
    }
  });
  const pair = (selectedPair ? pairs.get(selectedPair) : undefined) ?? fallbackPair([...pairs.values()]);
  if (pair) {
    if (typeof pair['currentRoundTripTime'] === 'number') sample.rttMs = pair['currentRoundTripTime'] * 1000;
    if (typeof pair['availableOutgoingBitrate'] === 'number') sample.outgoingBitrate = pair['availableOutgoingBitrate'];
  }
  return sample;
}

/**
 * The pair in use when the report has no transport entry naming it: Firefox before 127 or so
 * marks it with its own `selected` flag; otherwise the nominated pair that succeeded.
 */
export function fallbackPair(pairs: Stat[]): Stat | undefined {
  return (
    pairs.find((p) => p['selected'] === true) ??
    pairs.find((p) => p['nominated'] === true && p['state'] === 'succeeded')
  );
}

/** Quality between two samples: packet loss over the interval, and the current round trip. */
export function qualityBetween(previous: StatsSample | null, current: StatsSample): QualityReading {
  const received = previous ? current.packetsReceived - previous.packetsReceived : current.packetsReceived;
  const lost = previous ? current.packetsLost - previous.packetsLost : current.packetsLost;
  const total = Math.max(0, received) + Math.max(0, lost);
  const lossPercent = total > 0 ? (Math.max(0, lost) / total) * 100 : 0;
  const rtt = current.rttMs;
  let quality: Quality = 'good';
  if (lossPercent >= 10 || (rtt !== null && rtt > 800)) quality = 'poor';
  else if (lossPercent >= 3 || (rtt !== null && rtt > 350)) quality = 'fair';
  return { quality, lossPercent, rttMs: rtt };
}

/** Below this estimated upstream bandwidth (bits/s), video is not worth sending. */
export const MIN_VIDEO_BITRATE = 150_000;
const DOWN_AFTER = 3;
const UP_AFTER = 5;

/**
 * Hysteresis for the automatic switch to audio only: three poor readings in a row (about six
 * seconds) pause our video; five good ones in a row (about ten seconds) bring it back, so the
 * picture does not flap on a borderline connection.
 */
export class AudioOnlyGovernor {
  audioOnly = false;
  private poor = 0;
  private good = 0;

  /** Returns true when the decision changed. */
  update(reading: QualityReading, outgoingBitrate: number | null): boolean {
    const starved = !this.audioOnly && outgoingBitrate !== null && outgoingBitrate < MIN_VIDEO_BITRATE;
    if (reading.quality === 'poor' || starved) {
      this.poor += 1;
      this.good = 0;
    } else if (reading.quality === 'good') {
      this.good += 1;
      this.poor = 0;
    } else {
      this.poor = 0;
      this.good = 0;
    }
    if (!this.audioOnly && this.poor >= DOWN_AFTER) {
      this.audioOnly = true;
      this.poor = 0;
      return true;
    }
    if (this.audioOnly && this.good >= UP_AFTER) {
      this.audioOnly = false;
      this.good = 0;
      return true;
    }
    return false;
  }
}
