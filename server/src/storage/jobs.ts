import type { Queryable } from './db.js';

/** The kinds of durable work; each has one handler on every node. */
export type JobKind = 'reply' | 'webhook' | 'escalation';

/** A job this node holds a lease on. */
export interface ClaimedJob {
  id: string;
  kind: JobKind;
  conversationId?: string;
  payload?: unknown;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** Who holds a lease and for how long. */
export interface Lease {
  owner: string;
  ms: number;
}

// Lease ends are computed by the database clock, so nodes with skewed clocks still agree on who owns what.
const LEASE_END = `now() + make_interval(secs => $LEASE::double precision / 1000)`;
const lease = (n: number) => LEASE_END.replace('$LEASE', `$${n}`);

const toJob = (r: Record<string, unknown>): ClaimedJob => ({
  id: r.id as string,
  kind: r.kind as JobKind,
  conversationId: (r.conversation_id as string | null) ?? undefined,
  payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload ?? undefined),
  attempts: Number(r.attempts),
});

/**
 * The durable job table (migration 025): record, claim with a lease, postpone, complete. Reply jobs are recorded by
 * `ConversationStore.append` in the customer message's own statement; this store handles everything after that.
 */
export class JobStore {
  constructor(private readonly db: Queryable) {}

  /** Record a job already leased to `lease.owner` (the recording node runs it first). */
  async add(job: { id: string; kind: JobKind; conversationId?: string; payload?: unknown }, l: Lease): Promise<void> {
    await this.db.query(
      `INSERT INTO jobs (id, kind, conversation_id, payload, lease_owner, lease_until) VALUES ($1, $2, $3, $4, $5, ${lease(6)})`,
      [
        job.id,
        job.kind,
        job.conversationId ?? null,
        job.payload === undefined ? null : JSON.stringify(job.payload),
        l.owner,
        l.ms,
      ],
    );
  }

  /** Take one job whose lease ran out (a crashed node's, or a failed attempt's); undefined when it is held or gone. */
  async claim(id: string, l: Lease): Promise<ClaimedJob | undefined> {
    const rows = await this.db.query(
      `UPDATE jobs SET lease_owner = $2, lease_until = ${lease(3)}, attempts = attempts + 1 WHERE id = $1 AND lease_until <= now() RETURNING *`,
      [id, l.owner, l.ms],
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  /**
   * Take up to `limit` jobs whose lease ran out, oldest first. `all` also takes other owners' live leases: only for a
   * node that knows it is alone (the embedded database admits one process), where they all belong to dead processes.
   */
  async claimDue(l: Lease, limit: number, all = false): Promise<ClaimedJob[]> {
    const due = all ? '(lease_until <= now() OR lease_owner IS DISTINCT FROM $1)' : 'lease_until <= now()';
    // SKIP LOCKED: nodes sweeping at the same moment take different jobs instead of queueing on the same rows.
    const rows = await this.db.query(
      `UPDATE jobs SET lease_owner = $1, lease_until = ${lease(2)}, attempts = attempts + 1
       WHERE id IN (SELECT id FROM jobs WHERE ${due} ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED) AND ${due}
       RETURNING *`,
      [l.owner, l.ms, limit],
    );
    return rows.map(toJob);
  }

  /** Keep (or hand back) a job: its lease now ends in `ms`, optionally recording the attempts made; only its owner can. */
  async postpone(id: string, owner: string, ms: number, attempts?: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE jobs SET lease_until = ${lease(3)}, attempts = COALESCE($4::int, attempts) WHERE id = $1 AND lease_owner = $2 RETURNING id`,
      [id, owner, ms, attempts ?? null],
    );
    return rows.length > 0;
  }

  /** Extend the leases this owner still holds on `ids` (a heartbeat while they run). */
  async renew(ids: string[], owner: string, ms: number): Promise<void> {
    await this.db.query(`UPDATE jobs SET lease_until = ${lease(3)} WHERE id = ANY($1::text[]) AND lease_owner = $2`, [
      ids,
      owner,
      ms,
    ]);
  }

  /**
   * Turn a job into the next one in the same row (an escalation's notification into its webhook delivery), leased to
   * `l.owner`: nothing is lost in between and it cannot happen twice. False when the row is gone (already turned).
   */
  async convert(id: string, from: JobKind, to: JobKind, payload: unknown, l: Lease): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE jobs SET kind = $3, payload = $4, lease_owner = $5, lease_until = ${lease(6)}, attempts = 1 WHERE id = $1 AND kind = $2 RETURNING id`,
      [id, from, to, JSON.stringify(payload), l.owner, l.ms],
    );
    return rows.length > 0;
  }

  /** The job is done (or given up): delete it. */
  async complete(id: string): Promise<void> {
    await this.db.query('DELETE FROM jobs WHERE id = $1', [id]);
  }

  /** Jobs still open, by kind (metrics, tests, the load benchmark's unanswered count). */
  async pending(kind?: JobKind): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM jobs WHERE $1::text IS NULL OR kind = $1::text',
      [kind ?? null],
    );
    return Number(rows[0].n);
  }
}
