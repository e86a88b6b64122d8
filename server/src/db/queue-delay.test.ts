import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueueDelay } from './queue-delay.js';

describe('QueueDelay', () => {
  afterEach(() => vi.useRealTimers());

  it('reports the shortest wait of the last window, so one slow query is not a standing queue', () => {
    vi.useFakeTimers();
    const q = new QueueDelay(500);
    q.record(900);
    q.record(5);
    vi.advanceTimersByTime(500);
    expect(q.standingMs()).toBe(5);
  });

  it('reports a queue where every wait in the window was long', () => {
    vi.useFakeTimers();
    const q = new QueueDelay(500);
    q.record(700);
    q.record(650);
    vi.advanceTimersByTime(501);
    q.record(800);
    expect(q.standingMs()).toBe(650);
  });

  it('forgets the queue once queries stop waiting (an idle window reads 0)', () => {
    vi.useFakeTimers();
    const q = new QueueDelay(500);
    q.record(700);
    vi.advanceTimersByTime(500);
    expect(q.standingMs()).toBe(700);
    vi.advanceTimersByTime(1200);
    expect(q.standingMs()).toBe(0);
  });
});
