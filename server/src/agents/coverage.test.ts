import { describe, expect, it } from 'vitest';
import { contentWords, coverage } from './coverage.js';

describe('coverage', () => {
  it('counts the share of the question’s content words found in the passage, fillers and one-letter words aside', () => {
    expect(contentWords('How do I cancel my orders?')).toEqual(['cancel', 'order']);
    expect(coverage('how do I cancel my orders', 'Cancelling an order: open Orders and press Cancel.')).toBe(1);
    expect(coverage('cancel order refund', 'Open Orders and press Cancel.')).toBeCloseTo(2 / 3);
    expect(coverage('the a an', 'anything')).toBe(0);
  });

  it('gives the same answer for a passage seen before (its words are remembered) and for new questions on it', () => {
    const passage = 'Delivery takes 3 to 5 working days; express delivery costs extra.';
    const first = coverage('how long does delivery take', passage);
    expect(coverage('how long does delivery take', passage)).toBe(first);
    expect(coverage('express costs', passage)).toBe(1);
    expect(coverage('express fee', passage)).toBe(0.5);
    expect(coverage('refund', passage)).toBe(0);
  });
});
