import type { AssignmentConfig, AssignmentStrategy } from './config.js';
import type { Eligible, WaitingConversation } from '../../storage/assignment.js';

/** The implicit team when no team places a conversation and no default team is set: every online staff member. */
export const EVERYONE = '*';

/** The team a waiting conversation goes to: the first matching attribute rule, else the team owning its routed topic or agent, else the default. */
export function teamFor(config: AssignmentConfig, c: WaitingConversation): string {
  for (const rule of config.rules) {
    const value = c.signed?.[rule.attribute] ?? (rule.unverified ? c.unsigned?.[rule.attribute] : undefined);
    if (value !== undefined && value === rule.equals) return rule.team;
  }
  // The newest routing decision a team owns wins: what the customer talked about last, before asking for a person.
  for (const r of c.routed) {
    const byTopic = r.topic ? config.teams.find((t) => t.topics.includes(r.topic!)) : undefined;
    const owner = byTopic ?? config.teams.find((t) => t.agents.includes(r.agent));
    if (owner) return owner.name;
  }
  return config.defaultTeam ?? EVERYONE;
}

/** The team's strategy (its own, else the global one). */
export function strategyOf(config: AssignmentConfig, team: string): AssignmentStrategy {
  return config.teams.find((t) => t.name === team)?.strategy ?? config.strategy;
}

/**
 * Online members of `team` with their capacity. Members are named by e-mail (case-insensitive) or staff id;
 * `online` are the staff ids with a console open on any node.
 */
export function eligibleMembers(
  config: AssignmentConfig,
  team: string,
  online: Array<{ id: string; name: string }>,
  staff: Array<{ id: string; email: string }>,
): Eligible[] {
  if (team === EVERYONE) return online.map((s) => ({ id: s.id, name: s.name, capacity: config.capacity }));
  const def = config.teams.find((t) => t.name === team);
  if (!def) return [];
  const idOf = new Map<string, string>();
  for (const s of staff) {
    idOf.set(s.email.toLowerCase(), s.id);
    idOf.set(s.id, s.id);
  }
  const capacity = new Map<string, number>();
  for (const m of def.members) {
    const key = typeof m === 'string' ? m : m.email;
    const id = idOf.get(key.toLowerCase()) ?? idOf.get(key);
    if (id) capacity.set(id, typeof m === 'string' ? config.capacity : (m.capacity ?? config.capacity));
  }
  return online
    .filter((s) => capacity.has(s.id))
    .map((s) => ({ id: s.id, name: s.name, capacity: capacity.get(s.id)! }));
}
