import { describe, expect, it } from 'vitest';
import { overallResult, type CheckState } from './summary';

const allGood: CheckState = {
  browser: 'ready',
  camera: 'live',
  microphone: 'live',
  connection: 'done',
  verdict: 'video',
};

describe('overallResult', () => {
  it('is ready when everything works, even in a browser due an update', () => {
    expect(overallResult(allGood)).toBe('ready');
    expect(overallResult({ ...allGood, browser: 'update' })).toBe('ready');
  });

  it('waits for the start, then for every part to finish', () => {
    expect(overallResult({ ...allGood, camera: 'idle', microphone: 'idle', connection: 'idle', verdict: null })).toBe(
      'pending',
    );
    expect(overallResult({ ...allGood, camera: 'starting' })).toBe('running');
    expect(overallResult({ ...allGood, connection: 'running', verdict: null })).toBe('running');
  });

  it('offers a visit with sound only without a camera or on a thin line', () => {
    expect(overallResult({ ...allGood, camera: 'failed' })).toBe('audioOnly');
    expect(overallResult({ ...allGood, verdict: 'audio' })).toBe('audioOnly');
  });

  it('is not ready without a microphone, a connection, or a capable browser', () => {
    expect(overallResult({ ...allGood, microphone: 'failed' })).toBe('notReady');
    expect(overallResult({ ...allGood, connection: 'failed', verdict: null })).toBe('notReady');
    expect(overallResult({ ...allGood, verdict: 'insufficient' })).toBe('notReady');
    expect(overallResult({ ...allGood, browser: 'unsupported' })).toBe('notReady');
    expect(overallResult({ ...allGood, browser: 'insecure', camera: 'idle' })).toBe('notReady');
  });
});
