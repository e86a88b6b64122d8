import { describe, expect, it } from 'vitest';
import { connectionVerdict, mbps, median, type ConnectionFigures } from './connection';
import { HEARD_LEVEL, levelFromSamples } from './level';
import { chimeWav } from './tone';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('is not thrown off by one slow ping', () => {
    expect(median([20, 22, 21, 900, 19])).toBe(21);
  });
});

describe('mbps', () => {
  it('turns bytes and milliseconds into megabits per second', () => {
    expect(mbps(1_000_000, 1000)).toBe(8);
    expect(mbps(125_000, 500)).toBe(2);
    expect(mbps(10, 0)).toBe(0);
  });
});

describe('connectionVerdict', () => {
  const good: ConnectionFigures = { rttMs: 40, downloadMbps: 20, uploadMbps: 5, relay: 'reachable' };

  it('says video for a good line, whatever the relay', () => {
    expect(connectionVerdict(good)).toBe('video');
    expect(connectionVerdict({ ...good, relay: 'unreachable' })).toBe('video');
  });

  it('says audio only when the line is too thin or slow for video', () => {
    expect(connectionVerdict({ ...good, uploadMbps: 0.3 })).toBe('audio');
    expect(connectionVerdict({ ...good, downloadMbps: 0.5 })).toBe('audio');
    expect(connectionVerdict({ ...good, rttMs: 700 })).toBe('audio');
  });

  it('says not enough below what a voice call needs', () => {
    expect(connectionVerdict({ ...good, uploadMbps: 0.05 })).toBe('insufficient');
    expect(connectionVerdict({ ...good, rttMs: 1500 })).toBe('insufficient');
  });
});

describe('levelFromSamples', () => {
  it('reads silence as 0 and a full-scale tone near 1', () => {
    expect(levelFromSamples(new Float32Array(512))).toBe(0);
    expect(levelFromSamples([])).toBe(0);
    const tone = Float32Array.from({ length: 512 }, (_, i) => Math.sin(i / 4));
    expect(levelFromSamples(tone)).toBeGreaterThan(0.9);
  });

  it('counts quiet speech as heard and room hiss as not', () => {
    const speech = Float32Array.from({ length: 512 }, (_, i) => 0.05 * Math.sin(i / 3));
    const hiss = Float32Array.from({ length: 512 }, (_, i) => 0.001 * Math.sin(i));
    expect(levelFromSamples(speech)).toBeGreaterThan(HEARD_LEVEL);
    expect(levelFromSamples(hiss)).toBeLessThan(HEARD_LEVEL);
  });
});

describe('chimeWav', () => {
  it('makes a playable 16-bit mono WAV file', () => {
    const bytes = chimeWav(8000);
    const view = new DataView(bytes.buffer);
    const text = (at: number) => String.fromCharCode(...bytes.slice(at, at + 4));
    expect(text(0)).toBe('RIFF');
    expect(text(8)).toBe('WAVE');
    expect(text(36)).toBe('data');
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(bytes.length - 44);
    expect(bytes.length).toBe(44 + Math.round(0.45 * 8000) * 2 + 0.75 * 8000 * 2);
  });
});
