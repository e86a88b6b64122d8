import { describe, expect, it } from 'vitest';
import { selectedRoute } from './route';

const report = (stats: Record<string, unknown>[]) =>
  new Map(stats.map((s) => [String(s['id']), s])) as unknown as RTCStatsReport;

describe('selectedRoute', () => {
  it("names the candidate types of the transport's selected pair", () => {
    const stats = [
      { id: 'T1', type: 'transport', selectedCandidatePairId: 'P2' },
      { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', nominated: false },
      { id: 'P2', type: 'candidate-pair', localCandidateId: 'L2', remoteCandidateId: 'R2', nominated: true },
      { id: 'L1', type: 'local-candidate', candidateType: 'host' },
      { id: 'R1', type: 'remote-candidate', candidateType: 'host' },
      { id: 'L2', type: 'local-candidate', candidateType: 'relay' },
      { id: 'R2', type: 'remote-candidate', candidateType: 'srflx' },
    ];
    expect(selectedRoute(report(stats))).toEqual({ local: 'relay', remote: 'srflx' });
  });

  it('falls back to the nominated, succeeded pair, and is null before there is one', () => {
    const pair = { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R', nominated: true };
    const candidates = [
      { id: 'L', type: 'local-candidate', candidateType: 'host' },
      { id: 'R', type: 'remote-candidate', candidateType: 'prflx' },
    ];
    expect(selectedRoute(report([{ ...pair, state: 'succeeded' }, ...candidates]))).toEqual({
      local: 'host',
      remote: 'prflx',
    });
    expect(selectedRoute(report([{ ...pair, state: 'in-progress' }, ...candidates]))).toBeNull();
  });

  it("takes Firefox's own `selected` flag when the report names no transport pair", () => {
    const stats = [
      {
        id: 'P1',
        type: 'candidate-pair',
        localCandidateId: 'L1',
        remoteCandidateId: 'R1',
        nominated: true,
        state: 'succeeded',
      },
      {
        id: 'P2',
        type: 'candidate-pair',
        localCandidateId: 'L2',
        remoteCandidateId: 'R2',
        selected: true,
        state: 'succeeded',
      },
      { id: 'L1', type: 'local-candidate', candidateType: 'host' },
      { id: 'R1', type: 'remote-candidate', candidateType: 'host' },
      { id: 'L2', type: 'local-candidate', candidateType: 'relay' },
      { id: 'R2', type: 'remote-candidate', candidateType: 'relay' },
    ];
    expect(selectedRoute(report(stats))).toEqual({ local: 'relay', remote: 'relay' });
  });
});
