import type { Candidate } from '../../storage/assignment.js';
import type { AssignmentStrategy } from './config.js';

export type { Candidate };

/**
 * Choose who gets the next conversation, or undefined when everyone is full. Candidates are taken in id order,
 * starting after `last` (the team's previous pick), so round-robin goes around and least-busy breaks ties fairly.
 */
export function pick(candidates: Candidate[], strategy: AssignmentStrategy, last?: string): Candidate | undefined {
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start = last === undefined ? 0 : sorted.findIndex((c) => c.id > last);
  const ring = start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
  const free = ring.filter((c) => c.open < c.capacity);
  if (strategy === 'round-robin') return free[0];
  let best: Candidate | undefined;
  for (const c of free) if (!best || c.open / c.capacity < best.open / best.capacity) best = c;
  return best;
}
