import { Metrics } from '../analytics/metrics.js';
import type { Database } from '../storage/db.js';
import { StatusStore } from '../storage/status.js';

/** The Prometheus metrics; the waiting gauge reads the database once it is open (0 before). */
export function createMetrics(db: () => Database | undefined): Metrics {
  return new Metrics({
    waiting: async () => {
      const open = db();
      return open ? new StatusStore(open).waitingForHuman() : 0;
    },
  });
}
