import type { Database } from '../../storage/db.js';
import { StaffStore } from '../../storage/staff.js';
import type { AssignmentConfig } from './config.js';

/**
 * A person's capacity for a manual take or transfer: the largest they have in any team they belong to (their own
 * `capacity` there, else the global one), so a take never refuses what auto-assignment from one of their teams would
 * give them; the global capacity for someone in no team. Members are named by e-mail (any case) or staff id.
 */
export function capacityOf(config: AssignmentConfig, staff: { id: string; email: string }): number {
  let best: number | undefined;
  for (const team of config.teams)
    for (const m of team.members) {
      const key = typeof m === 'string' ? m : m.email;
      if (key.toLowerCase() !== staff.email.toLowerCase() && key !== staff.id) continue;
      const own = typeof m === 'string' ? config.capacity : (m.capacity ?? config.capacity);
      best = Math.max(best ?? 0, own);
    }
  return best ?? config.capacity;
}

/** Look a staff member's capacity up by id (undefined for an API token or an unknown id: no limit). */
export function capacityLookup(
  db: Database,
  config: AssignmentConfig,
): (staffId: string) => Promise<number | undefined> {
  const staff = new StaffStore(db);
  return async (staffId) => {
    const s = await staff.byId(staffId);
    return s ? capacityOf(config, s) : undefined;
  };
}
