import { describe, expect, it } from 'vitest';
import { isElliptic } from './context.js';

describe('follow-up context', () => {
  it('recognises short and elliptic follow-ups in the shipped languages', () => {
    for (const t of [
      'how much extra?',
      'and for Scotland?',
      'how long does that take?',
      'shes 17 tho',
      'what if im moving to canada',
      'y cuántos días de preaviso hay que dar?',
      'Und wenn ich krank bin?',
      'et pour une famille avec deux enfants ?',
    ]) {
      expect(isElliptic(t), t).toBe(true);
    }
    expect(isElliptic('my direct debit failed last week and I want to know what happens to my membership now')).toBe(
      false,
    );
    expect(isElliptic('')).toBe(false);
  });
});
