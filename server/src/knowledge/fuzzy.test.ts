import { describe, expect, it } from 'vitest';
import { editDistance, maxEdits, nearestTerm } from './fuzzy.js';

const terms = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([t, live]) => [t, { live }]));

describe('fuzzy terms', () => {
  it('counts a swap of neighbours as one edit and stops past the limit', () => {
    expect(editDistance('phnoe', 'phone', 2)).toBe(1);
    expect(editDistance('stikethrough', 'strikethrough', 2)).toBe(1);
    expect(editDistance('router', 'rooter', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('allows no edit in short words and more in long ones', () => {
    expect(maxEdits(4)).toBe(0);
    expect(maxEdits(6)).toBe(1);
    expect(maxEdits(12)).toBe(2);
  });

  it('picks the nearest live term, the commoner one on a tie, and never corrects numbers or short words', () => {
    const index = terms({ phone: 9, phon: 0, stolen: 3, strikethrough: 2, router: 4, rotter: 1 });
    expect(nearestTerm('phnoe', index)).toBe('phone');
    expect(nearestTerm('stollen', index)).toBe('stolen');
    expect(nearestTerm('stikethrogh', index)).toBe('strikethrough');
    expect(nearestTerm('rooter', index)).toBe('router');
    expect(nearestTerm('50gbs', index)).toBeUndefined();
    expect(nearestTerm('phne', index)).toBeUndefined();
    expect(nearestTerm('banana', index)).toBeUndefined();
  });
});
