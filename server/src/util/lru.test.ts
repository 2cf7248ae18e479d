import { describe, expect, it } from 'vitest';
import { Lru } from './lru.js';

describe('Lru', () => {
  it('evicts the least recently used entry and counts hits', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.hitRate).toBeCloseTo(2 / 3);
    const off = new Lru<string, number>(0);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });
});
