import { Metrics } from '../analytics/metrics.js';
import type { Database } from '../storage/db.js';

/** The Prometheus metrics; the waiting gauge reads the database once it is open (0 before). */
export function createMetrics(db: () => Database | undefined): Metrics {
  return new Metrics({
    waiting: async () => {
      const open = db();
      if (!open) return 0;
      const [row] = await open.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM conversations WHERE state = 'waiting_human'",
      );
      return Number(row.n);
    },
  });
}
