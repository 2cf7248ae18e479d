import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounceByKey } from './debounce-by-key.js';

describe('debounceByKey', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls for one key within the delay become one run after the last; other keys run on their own', () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const refresh = debounceByKey((k: string) => runs.push(k), 250);
    refresh('a');
    vi.advanceTimersByTime(100);
    refresh('a');
    refresh('b');
    expect(refresh.pending()).toBe(2);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(runs).toEqual(['a']);
    vi.advanceTimersByTime(100);
    expect(runs).toEqual(['a', 'b']);
    // After a run, the next call schedules a new one.
    refresh('a');
    vi.advanceTimersByTime(250);
    expect(runs).toEqual(['a', 'b', 'a']);
  });

  it('delay 0 runs at once, every time', () => {
    const runs: string[] = [];
    const refresh = debounceByKey((k: string) => runs.push(k), 0);
    refresh('a');
    refresh('a');
    expect(runs).toEqual(['a', 'a']);
    expect(refresh.pending()).toBe(0);
  });

  it('cancel drops pending runs', () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const refresh = debounceByKey((k: string) => runs.push(k), 50);
    refresh('a');
    refresh.cancel();
    vi.advanceTimersByTime(100);
    expect(runs).toEqual([]);
    expect(refresh.pending()).toBe(0);
  });
});
