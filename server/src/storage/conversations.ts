import type {
  Attributes,
  AttributeValue,
  ConversationState,
  Message,
  RoutingDecision,
} from 'switchboard-chat/protocol';
import { newId } from '../util/ids.js';
import type { Database, Queryable } from './db.js';
import { toConversation, toMessage, type ConversationRecord } from './rows.js';
import type { Appended, ConversationPatch, NewJob, NewMessage } from './conversation-inputs.js';
import { PATCH_COLUMNS, StateMoved } from './conversation-inputs.js';

export type { Appended, ConversationPatch, NewJob, NewMessage } from './conversation-inputs.js';

// One round trip per stored message: the next seq (the UPDATE's row lock keeps it gap-free under concurrent writers),
// the message, the routing decision on the message a reply answers, and the conversation as it now stands. A clientId
// already stored matches no row (nothing changes); a concurrent duplicate fails the unique index and the whole statement,
// seq included, rolls back. A customer message to an AI-handled conversation records its reply job (j); a reply that
// completes its job deletes it (d): what is owed and what was delivered change in one commit. With $19 > 0 it also
// returns that many earlier messages (the statement's snapshot does not see its own insert), saving the agent's
// context read. With $20 (`onlyWhile`) it stores nothing unless the conversation is in one of those states. Parameters
// are cast because INSERT … SELECT does not infer their types.
const APPEND_SQL = `
  WITH c AS (
    UPDATE conversations SET last_seq = last_seq + 1, updated_at = now()
    WHERE id = $2 AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $2 AND client_id = $3::text))
      AND ($20::text[] IS NULL OR state = ANY($20::text[]))
    RETURNING *
  ),
  m AS (
    INSERT INTO messages (id, conversation_id, seq, client_id, role, text, agent, confidence, routing, sources, author, author_id, meta, internal)
    SELECT $1::text, c.id, c.last_seq, $3::text, $4::text, $5::text, $6::text, $7::real, $8::jsonb, $9::jsonb, $10::text, $11::text, $12::jsonb, $13::boolean
    FROM c RETURNING *
  ),
  r AS (
    UPDATE messages SET routing = $15::jsonb, agent = $15::jsonb ->> 'agent', confidence = ($15::jsonb ->> 'confidence')::real
    WHERE id = $14::text AND conversation_id = $2 AND EXISTS (SELECT 1 FROM m)
  ),
  j AS (
    INSERT INTO jobs (id, kind, conversation_id, lease_owner, lease_until)
    SELECT m.id, 'reply', m.conversation_id, $16::text, now() + make_interval(secs => $17::double precision / 1000)
    FROM m, c WHERE $16::text IS NOT NULL AND c.state IN ('ai', 'waiting_human')
    RETURNING id
  ),
  d AS (
    DELETE FROM jobs WHERE id = $14::text AND kind = 'reply' AND $18::boolean AND EXISTS (SELECT 1 FROM m)
  )
  SELECT m.*, to_jsonb(c) AS conversation, EXISTS (SELECT 1 FROM j) AS job,
    (SELECT jsonb_agg(to_jsonb(h) ORDER BY h.seq) FROM (SELECT * FROM messages WHERE conversation_id = $2
      AND internal = false AND $19::int > 0 ORDER BY seq DESC LIMIT $19::int) h) AS context
  FROM m, c`;

/** SQL for conversations and messages; PostgreSQL dialect, shared by PGlite and `pg`. */
export class ConversationStore {
  constructor(private readonly db: Database) {}

  /** Create a conversation for a visitor. */
  async create(input: {
    visitorId: string;
    userId?: string;
    page?: string;
    locale?: string;
  }): Promise<ConversationRecord> {
    return (await this.insert(newId('c'), input))!;
  }

  /** Store a draft conversation under its id; undefined when a concurrent first message (any node) already did. */
  async createDraft(draft: ConversationRecord): Promise<ConversationRecord | undefined> {
    return this.insert(draft.id, draft);
  }

  private async insert(
    id: string,
    input: { visitorId: string; userId?: string; page?: string; locale?: string },
  ): Promise<ConversationRecord | undefined> {
    const rows = await this.db.query(
      'INSERT INTO conversations (id, visitor_id, user_id, page, locale) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING *',
      [id, input.visitorId, input.userId ?? null, input.page ?? null, input.locale ?? null],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** A conversation by id, or undefined. */
  async get(id: string): Promise<ConversationRecord | undefined> {
    const rows = await this.db.query('SELECT * FROM conversations WHERE id = $1', [id]);
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** The visitor's most recent conversation. */
  async latestForVisitor(visitorId: string): Promise<ConversationRecord | undefined> {
    const rows = await this.db.query(
      'SELECT * FROM conversations WHERE visitor_id = $1 ORDER BY created_at DESC LIMIT 1',
      [visitorId],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** The identified user's most recent conversation (any device). */
  async latestForUser(userId: string): Promise<ConversationRecord | undefined> {
    const rows = await this.db.query(
      'SELECT * FROM conversations WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [userId],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /**
   * Append a message with the next seq in one statement (see APPEND_SQL). A repeated clientId returns the stored
   * message instead of a new one. Also returns the conversation as updated, so callers need no second read.
   */
  async append(conversationId: string, m: NewMessage): Promise<Appended> {
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await this.db.query(APPEND_SQL, [
        newId('m'),
        conversationId,
        m.clientId ?? null,
        m.role,
        m.text,
        m.agent ?? null,
        m.confidence ?? null,
        m.routing ? JSON.stringify(m.routing) : null,
        m.sources ? JSON.stringify(m.sources) : null,
        m.author ?? null,
        m.authorId ?? null,
        m.meta ? JSON.stringify(m.meta) : null,
        m.internal ?? false,
        m.answers?.messageId ?? null,
        m.answers ? JSON.stringify(m.answers.routing) : null,
        m.job?.owner ?? null,
        m.job?.ms ?? 0,
        m.answers?.complete ?? false,
        m.context ?? 0,
        m.onlyWhile ?? null,
      ]);
    } catch (err) {
      // Two sends of the same clientId raced: the loser's statement rolled back, the winner's row is the answer.
      if (!m.clientId || !isUniqueViolation(err)) throw err;
      rows = [];
    }
    if (rows[0]) {
      const c = rows[0].conversation;
      const conversation = toConversation(typeof c === 'string' ? JSON.parse(c) : (c as Record<string, unknown>));
      const context = m.context
        ? ((rows[0].context ?? []) as Array<Record<string, unknown>>).map(toMessage)
        : undefined;
      return { message: toMessage(rows[0]), duplicate: false, conversation, job: rows[0].job === true, context };
    }
    const existing = m.clientId ? await this.byClientId(this.db, conversationId, m.clientId) : undefined;
    if (existing) return { message: existing, duplicate: true, job: false };
    const now = m.onlyWhile ? await this.get(conversationId) : undefined;
    if (now) throw new StateMoved(conversationId, now.state);
    throw new Error(`conversation ${conversationId} does not exist`);
  }

  /** Messages with seq > afterSeq, oldest first. Internal notes only when asked. */
  async history(conversationId: string, afterSeq: number, limit: number, includeInternal = false): Promise<Message[]> {
    const rows = await this.db.query(
      `SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 ${includeInternal ? '' : 'AND internal = false'} ORDER BY seq LIMIT $3`,
      [conversationId, afterSeq, limit],
    );
    return rows.map(toMessage);
  }

  /** The last `limit` messages, oldest first (agent context). */
  async recent(conversationId: string, limit: number): Promise<Message[]> {
    const rows = await this.db.query(
      'SELECT * FROM (SELECT * FROM messages WHERE conversation_id = $1 AND internal = false ORDER BY seq DESC LIMIT $2) t ORDER BY seq',
      [conversationId, limit],
    );
    return rows.map(toMessage);
  }

  /** A message by id. */
  async message(id: string): Promise<Message | undefined> {
    const rows = await this.db.query('SELECT * FROM messages WHERE id = $1', [id]);
    return rows[0] ? toMessage(rows[0]) : undefined;
  }

  /** Record the routing decision on a stored message. */
  async setRouting(messageId: string, routing: RoutingDecision): Promise<void> {
    await this.db.query('UPDATE messages SET routing = $2, agent = $3, confidence = $4 WHERE id = $1', [
      messageId,
      JSON.stringify(routing),
      routing.agent,
      routing.confidence,
    ]);
  }

  /**
   * Change fields only when the conversation is in one of `fromStates` (atomic compare-and-set);
   * returns the updated record, or undefined when the state did not match.
   */
  async update(
    id: string,
    patch: ConversationPatch,
    fromStates?: ConversationState[],
    job?: NewJob,
  ): Promise<ConversationRecord | undefined> {
    const keys = Object.keys(patch) as Array<keyof ConversationPatch>;
    const sets = keys.map((k, i) => `${PATCH_COLUMNS[k]} = $${i + 2}`);
    const params: unknown[] = [id, ...keys.map((k) => patch[k] ?? null)];
    let where = 'id = $1';
    if (fromStates) {
      params.push(fromStates);
      where += ` AND state = ANY($${params.length}::text[])`;
    }
    const update = `UPDATE conversations SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE ${where} RETURNING *`;
    if (!job) {
      const rows = await this.db.query(update, params);
      return rows[0] ? toConversation(rows[0]) : undefined;
    }
    // The job row is written by the same statement as the change, and only when the change happened: a crash can
    // lose neither without the other.
    const n = params.length;
    params.push(job.id, job.kind, job.lease.owner, job.lease.ms);
    const rows = await this.db.query(
      `WITH u AS (${update}),
       j AS (INSERT INTO jobs (id, kind, conversation_id, lease_owner, lease_until)
             SELECT $${n + 1}::text, $${n + 2}::text, u.id, $${n + 3}::text, now() + make_interval(secs => $${n + 4}::double precision / 1000) FROM u)
       SELECT * FROM u`,
      params,
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** Replace the signed attributes (the identity token is the whole truth about them); empty clears them. */
  async setSignedAttributes(id: string, attributes: Attributes): Promise<ConversationRecord | undefined> {
    const value = Object.keys(attributes).length ? JSON.stringify(attributes) : null;
    const rows = await this.db.query(
      'UPDATE conversations SET signed_attributes = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING *',
      [id, value],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /**
   * Merge unsigned attributes (`null` removes a key) in one statement, refused when the result would hold more than
   * `max` keys: 'too_many' then, undefined when there is no such conversation.
   */
  async mergeVisitorAttributes(
    id: string,
    changes: Record<string, AttributeValue | null>,
    max: number,
  ): Promise<ConversationRecord | 'too_many' | undefined> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null));
    const remove = Object.keys(changes).filter((k) => changes[k] === null);
    const merged = `(COALESCE(visitor_attributes, '{}'::jsonb) - $3::text[]) || $2::jsonb`;
    const rows = await this.db.query(
      `UPDATE conversations SET visitor_attributes = NULLIF(${merged}, '{}'::jsonb), updated_at = now()
       WHERE id = $1 AND (SELECT count(*) FROM jsonb_object_keys(${merged})) <= $4 RETURNING *`,
      [id, JSON.stringify(set), remove, max],
    );
    if (rows[0]) return toConversation(rows[0]);
    return (await this.get(id)) ? 'too_many' : undefined;
  }

  /** Append to the transition trail. */
  async event(
    conversationId: string,
    e: { type: string; from?: string; to?: string; actor?: string; data?: unknown },
    q: Queryable = this.db,
  ): Promise<void> {
    await q.query(
      'INSERT INTO conversation_events (conversation_id, type, from_state, to_state, actor, data) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        conversationId,
        e.type,
        e.from ?? null,
        e.to ?? null,
        e.actor ?? null,
        e.data === undefined ? null : JSON.stringify(e.data),
      ],
    );
  }

  /** Store (or change) customer feedback on an AI message. */
  async feedback(conversationId: string, messageId: string, helpful: boolean): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO feedback (message_id, conversation_id, helpful)
       SELECT id, conversation_id, $3 FROM messages WHERE id = $1 AND conversation_id = $2 AND role = 'ai'
       ON CONFLICT (message_id) DO UPDATE SET helpful = EXCLUDED.helpful, created_at = now() RETURNING message_id`,
      [messageId, conversationId, helpful],
    );
    return rows.length > 0;
  }

  private async byClientId(q: Queryable, conversationId: string, clientId: string): Promise<Message | undefined> {
    const rows = await q.query('SELECT * FROM messages WHERE conversation_id = $1 AND client_id = $2', [
      conversationId,
      clientId,
    ]);
    return rows[0] ? toMessage(rows[0]) : undefined;
  }
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === '23505';
}
