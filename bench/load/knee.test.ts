import { describe, expect, it } from 'vitest';
import { interpolate, type KneeStep } from './knee.js';

const step = (rate: number, p95: number, answered = 100): KneeStep => ({
  rate,
  sent: 100,
  answered,
  p50_ms: p95 / 2,
  p95_ms: p95,
  load_average: 1,
});

describe('interpolate', () => {
  it('puts the knee where p95 crosses the bound, linearly between the last step under it and the first over it', () => {
    expect(interpolate([step(20, 50), step(30, 150), step(45, 350)], 250)).toBe(38);
  });
  it('is the last rate that held when the step over it failed by unanswered messages, not by latency', () => {
    expect(interpolate([step(20, 50), step(30, 120, 40)], 250)).toBe(20);
  });
  it('is 0 when the first step is already over', () => {
    expect(interpolate([step(20, 900)], 250)).toBe(0);
  });
});
