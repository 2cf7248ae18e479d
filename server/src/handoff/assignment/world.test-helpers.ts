import type { Queryable } from '../../storage/db.js';

/** Open conversations per assignee and the queue length, straight from the database. */
export async function assignmentCounts(
  db: Queryable,
): Promise<{ perAssignee: Record<string, number>; waiting: number; max: number; assigned: number }> {
  const rows = await db.query<{ assignee_id: string | null; state: string; n: string | number }>(
    "SELECT assignee_id, state, count(*) AS n FROM conversations WHERE state IN ('human', 'waiting_human') GROUP BY assignee_id, state",
  );
  const perAssignee: Record<string, number> = {};
  let waiting = 0;
  for (const r of rows) {
    if (r.state === 'waiting_human') waiting += Number(r.n);
    else if (r.assignee_id) perAssignee[r.assignee_id] = Number(r.n);
  }
  const counts = Object.values(perAssignee);
  return { perAssignee, waiting, max: Math.max(0, ...counts), assigned: counts.reduce((a, b) => a + b, 0) };
}

/**
 * Poll the counts until `done` holds (or `timeoutMs` passes, then throw with the last counts), remembering the
 * highest per-person count seen on the way, so a capacity exceeded even briefly is caught.
 */
export async function waitForCounts(
  db: Queryable,
  done: (c: Awaited<ReturnType<typeof assignmentCounts>>) => boolean,
  timeoutMs = 60_000,
): Promise<Awaited<ReturnType<typeof assignmentCounts>> & { peak: number }> {
  const until = Date.now() + timeoutMs;
  let peak = 0;
  for (;;) {
    const c = await assignmentCounts(db);
    peak = Math.max(peak, c.max);
    if (done(c)) return { ...c, peak };
    if (Date.now() > until) throw new Error(`assignment did not settle: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
