import { describe, expect, it } from 'vitest';
import { pick, type Candidate } from './pick.js';

const c = (id: string, open: number, capacity = 3): Candidate => ({ id, name: id, open, capacity });

describe('pick', () => {
  it('round-robin goes around in id order after the previous pick, skipping the full', () => {
    const team = [c('b', 0), c('a', 0), c('c', 0)];
    expect(pick(team, 'round-robin')?.id).toBe('a');
    expect(pick(team, 'round-robin', 'a')?.id).toBe('b');
    expect(pick(team, 'round-robin', 'c')?.id).toBe('a');
    expect(pick([c('a', 0), c('b', 3), c('c', 1)], 'round-robin', 'a')?.id).toBe('c');
    // The previous pick went offline: continue with the next id after it.
    expect(pick([c('a', 0), c('c', 0)], 'round-robin', 'b')?.id).toBe('c');
  });

  it('least-busy takes the lowest share of capacity, ties in round-robin order', () => {
    expect(pick([c('a', 2), c('b', 1), c('c', 2)], 'least-busy')?.id).toBe('b');
    expect(pick([c('a', 1), c('b', 1), c('c', 1)], 'least-busy', 'a')?.id).toBe('b');
    expect(pick([c('a', 2, 10), c('b', 1, 2)], 'least-busy')?.id).toBe('a');
  });

  it('returns nobody when everyone is full or has capacity 0', () => {
    expect(pick([c('a', 3), c('b', 0, 0)], 'round-robin')).toBeUndefined();
    expect(pick([c('a', 3), c('b', 0, 0)], 'least-busy')).toBeUndefined();
    expect(pick([], 'least-busy')).toBeUndefined();
  });
});
