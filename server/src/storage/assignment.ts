import type { ConversationState } from 'switchboard-chat/protocol';
import type { Database } from './db.js';

/** A staff member who may be assigned: id, display name and capacity. */
export interface Eligible {
  id: string;
  name: string;
  capacity: number;
}

/** An eligible person with the conversations they hold now: what the pick chooses from. */
export interface Candidate extends Eligible {
  open: number;
}

/** A state change as the transition table (conversations/states.ts) describes it: allowed from-states and target. */
export interface StateMove {
  from: readonly ConversationState[];
  to: ConversationState;
}

/**
 * The table's moves this store makes by compare-and-set: auto-assignment (`assign`), a take by hand (`claim`), a
 * transfer (`transfer`, the state stays) and an offline assignee's conversation back to the queue (`requeue`).
 */
export interface AssignmentMoves {
  assign: StateMove;
  claim: StateMove;
  transfer: StateMove;
  requeue: StateMove;
}

/** What the assignment decision looks at in a waiting conversation. */
export interface WaitingConversation {
  id: string;
  signed?: Record<string, unknown>;
  unsigned?: Record<string, unknown>;
  /** Routed agents and topics of its customer messages, newest first. */
  routed: Array<{ agent: string; topic?: string }>;
}

// One lock for every team: a person may be in several teams, and their capacity counts across all of them.
const ASSIGN_LOCK = 7_319_201;
const json = <T>(v: unknown): T | undefined =>
  v == null ? undefined : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

/**
 * The SQL of assignment: the atomic decision, manual take and transfer under the same lock, the queue and the
 * assignees who went offline. Every state change is a compare-and-set on the from-states of `moves`, which the caller
 * takes from the transition table; the store knows no state machine of its own.
 */
export class AssignmentStore {
  constructor(
    private readonly db: Database,
    private readonly moves: AssignmentMoves,
  ) {}

  /** Staff (active accounts) by e-mail or id, lower-cased e-mails. */
  async staff(): Promise<Array<{ id: string; email: string; name: string }>> {
    const rows = await this.db.query<{ id: string; email: string; name: string }>(
      'SELECT id, lower(email) AS email, name FROM staff WHERE disabled = false',
    );
    return rows;
  }

  /** A waiting, unassigned conversation with its attributes and routing, or undefined when it no longer waits. */
  async waiting(conversationId: string): Promise<WaitingConversation | undefined> {
    const rows = await this.db.query(
      `SELECT c.id, c.signed_attributes, c.visitor_attributes,
         (SELECT jsonb_agg(jsonb_build_object('agent', m.routing->>'agent', 'topic', m.routing->>'topic') ORDER BY m.seq DESC)
          FROM (SELECT routing, seq FROM messages WHERE conversation_id = c.id AND role = 'customer' AND routing IS NOT NULL ORDER BY seq DESC LIMIT 50) m) AS routed
       FROM conversations c WHERE c.id = $1 AND c.state = 'waiting_human'`,
      [conversationId],
    );
    const r = rows[0];
    if (!r) return undefined;
    const routed = (json<Array<{ agent: string; topic: string | null }>>(r.routed) ?? []).map((x) => ({
      agent: x.agent,
      ...(x.topic ? { topic: x.topic } : {}),
    }));
    return { id: String(r.id), signed: json(r.signed_attributes), unsigned: json(r.visitor_attributes), routed };
  }

  /** The queue: waiting conversations, oldest first. */
  async queue(limit = 500): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      "SELECT id FROM conversations WHERE state = 'waiting_human' ORDER BY waiting_since NULLS LAST, created_at LIMIT $1",
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Assign a waiting conversation to one of `eligible` atomically: under a transaction-scoped advisory lock shared by
   * every node, count each person's open conversations, let `choose` pick one with room (given the team's previous
   * pick), and move the conversation to them with a compare-and-set on its state. Two nodes deciding at once are
   * serialised, so no capacity is ever exceeded. Returns the chosen person, 'full' when nobody has room, or undefined
   * when the conversation no longer waits.
   */
  async assign(
    conversationId: string,
    team: string,
    eligible: Eligible[],
    choose: (candidates: Candidate[], last?: string) => Candidate | undefined,
  ): Promise<Candidate | 'full' | undefined> {
    if (!eligible.length) return 'full';
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ASSIGN_LOCK]);
      const ids = eligible.map((e) => e.id);
      const counts = await tx.query<{ assignee_id: string; n: number | string }>(
        "SELECT assignee_id, count(*) AS n FROM conversations WHERE state = 'human' AND assignee_id = ANY($1::text[]) GROUP BY assignee_id",
        [ids],
      );
      const open = new Map(counts.map((r) => [r.assignee_id, Number(r.n)]));
      const cursor = await tx.query<{ last_staff_id: string }>(
        'SELECT last_staff_id FROM assignment_cursors WHERE team = $1',
        [team],
      );
      const chosen = choose(
        eligible.map((e) => ({ ...e, open: open.get(e.id) ?? 0 })),
        cursor[0]?.last_staff_id,
      );
      if (!chosen) return 'full';
      const moved = await tx.query(
        `UPDATE conversations SET state = $5, assignee_id = $2, assignee_name = $3, waiting_since = NULL, updated_at = now()
         WHERE id = $1 AND state = ANY($4::text[]) RETURNING id`,
        [conversationId, chosen.id, chosen.name, this.moves.assign.from, this.moves.assign.to],
      );
      if (!moved.length) return undefined;
      await tx.query(
        `INSERT INTO assignment_cursors (team, last_staff_id) VALUES ($1, $2)
         ON CONFLICT (team) DO UPDATE SET last_staff_id = EXCLUDED.last_staff_id, updated_at = now()`,
        [team, chosen.id],
      );
      return { ...chosen, open: chosen.open + 1 };
    });
  }

  /**
   * Give a conversation to `to` by hand — a take (`holder` absent: the `claim` move) or a transfer (from `holder`) —
   * under the same lock as auto-assignment, so a take racing an assignment cannot exceed a capacity either. With a
   * `capacity`, refused as `{ full: open }` when `to` already holds that many; undefined when the conversation changed.
   */
  async handOver(
    conversationId: string,
    to: { id: string; name: string },
    how: { holder?: string; capacity?: number },
  ): Promise<{ row: Record<string, unknown>; open: number } | { full: number } | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ASSIGN_LOCK]);
      const [held] = await tx.query<{ n: number | string }>(
        "SELECT count(*) AS n FROM conversations WHERE state = 'human' AND assignee_id = $1 AND id <> $2",
        [to.id, conversationId],
      );
      const open = Number(held.n);
      if (how.capacity !== undefined && open >= how.capacity) return { full: open };
      const rows = how.holder
        ? await tx.query(
            `UPDATE conversations SET assignee_id = $2, assignee_name = $3, updated_at = now()
             WHERE id = $1 AND state = ANY($5::text[]) AND assignee_id = $4 RETURNING *`,
            [conversationId, to.id, to.name, how.holder, this.moves.transfer.from],
          )
        : await tx.query(
            `UPDATE conversations SET state = $5, assignee_id = $2, assignee_name = $3, waiting_since = NULL, updated_at = now()
             WHERE id = $1 AND state = ANY($4::text[]) RETURNING *`,
            [conversationId, to.id, to.name, this.moves.claim.from, this.moves.claim.to],
          );
      return rows[0] ? { row: rows[0], open: open + 1 } : undefined;
    });
  }

  /** Open conversations held by someone not in `online` (their assignee went offline). */
  async heldByOffline(online: string[]): Promise<Array<{ id: string; assigneeId: string }>> {
    const rows = await this.db.query<{ id: string; assignee_id: string }>(
      "SELECT id, assignee_id FROM conversations WHERE state = 'human' AND assignee_id IS NOT NULL AND NOT (assignee_id = ANY($1::text[]))",
      [online],
    );
    return rows.map((r) => ({ id: r.id, assigneeId: r.assignee_id }));
  }

  /**
   * Put a conversation back in the queue when it is still held by `assigneeId` (compare-and-set), at the place its
   * original waiting time gives it: before conversations that started waiting later (one taken straight from the AI
   * never waited, and queues from now).
   */
  async unassign(conversationId: string, assigneeId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE conversations SET state = $4, assignee_id = NULL, assignee_name = NULL,
         waiting_since = COALESCE(queued_since, now()), queued_since = COALESCE(queued_since, now()), updated_at = now()
       WHERE id = $1 AND state = ANY($3::text[]) AND assignee_id = $2 RETURNING id`,
      [conversationId, assigneeId, this.moves.requeue.from, this.moves.requeue.to],
    );
    return rows.length > 0;
  }
}
