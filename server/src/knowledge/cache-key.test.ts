import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key.js';

describe('cacheKey', () => {
  it('normalises case, spacing and trailing punctuation in keys', () => {
    expect(cacheKey('  How do I   RESET my password?! ')).toBe(cacheKey('how do i reset my password'));
    expect(cacheKey('refund')).not.toBe(cacheKey('refunds'));
  });
});
