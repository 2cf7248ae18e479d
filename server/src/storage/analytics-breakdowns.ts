import { num, queryScope, type AnalyticsScope } from './analytics.js';
import type { Queryable } from './db.js';

/** One day of the period (UTC). */
export interface DayRow {
  day: string;
  conversations: number;
  messages: number;
  escalated: number;
}

/** One agent's AI answers: how many, their average routing confidence and the feedback on them. */
export interface AgentRow {
  /** Null for answers stored without an agent. */
  agent: string | null;
  messages: number;
  averageConfidence: number;
  helpful: number;
  unhelpful: number;
}

/** SQL of the support lead's report, part two: the breakdowns of a scope (per day, agent, reason, bucket, hour, label). */
export class AnalyticsBreakdownStore {
  constructor(private readonly db: Queryable) {}

  private rows(s: AnalyticsScope, select: (byAgent: boolean) => string): Promise<Record<string, unknown>[]> {
    return queryScope(this.db, s, (byAgent) => `\n    ${select(byAgent)}`);
  }

  /** Conversations, messages and escalated conversations per day of creation, oldest first. */
  async perDay(s: AnalyticsScope): Promise<DayRow[]> {
    const rows = await this.rows(
      s,
      () => `SELECT to_char(date_trunc('day', conv.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*) AS conversations,
      sum((SELECT count(*) FROM messages m WHERE m.conversation_id = conv.id AND m.internal = false)) AS messages,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM conversation_events e WHERE e.conversation_id = conv.id AND e.type = 'escalated')) AS escalated
    FROM conv GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((r) => ({
      day: String(r.day),
      conversations: num(r.conversations),
      messages: num(r.messages),
      escalated: num(r.escalated),
    }));
  }

  /** AI answers per agent (only the filtered agent's with an agent filter), most answers first. */
  async perAgent(s: AnalyticsScope): Promise<AgentRow[]> {
    const rows = await this.rows(
      s,
      (byAgent) => `SELECT m.agent, count(*) AS messages, avg(m.confidence) AS confidence,
      count(f.message_id) FILTER (WHERE f.helpful) AS helpful, count(f.message_id) FILTER (WHERE NOT f.helpful) AS unhelpful
    FROM messages m LEFT JOIN feedback f ON f.message_id = m.id
    WHERE m.role = 'ai' AND m.conversation_id IN (SELECT id FROM conv) ${byAgent ? 'AND m.agent = $3' : ''}
    GROUP BY m.agent ORDER BY messages DESC`,
    );
    return rows.map((r) => ({
      agent: r.agent == null ? null : String(r.agent),
      messages: num(r.messages),
      averageConfidence: num(r.confidence),
      helpful: num(r.helpful),
      unhelpful: num(r.unhelpful),
    }));
  }

  /** Escalations per reason ('unknown' when none was recorded), most frequent first. */
  async escalationReasons(s: AnalyticsScope): Promise<Array<{ reason: string; count: number }>> {
    const rows = await this.rows(
      s,
      () => `SELECT coalesce(data->>'reason', 'unknown') AS reason, count(*) AS count FROM conversation_events
    WHERE type = 'escalated' AND conversation_id IN (SELECT id FROM conv) GROUP BY 1 ORDER BY 2 DESC`,
    );
    return rows.map((r) => ({ reason: String(r.reason), count: num(r.count) }));
  }

  /** Routed customer messages per tenth of confidence (bucket 0–9; 1.0 falls in 9), lowest first. */
  async confidenceBuckets(s: AnalyticsScope): Promise<Array<{ bucket: number; count: number }>> {
    const rows = await this.rows(
      s,
      (byAgent) => `SELECT least(floor(confidence * 10), 9) AS b, count(*) AS count FROM messages
    WHERE role = 'customer' AND confidence IS NOT NULL AND conversation_id IN (SELECT id FROM conv) ${byAgent ? 'AND agent = $3' : ''} GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((r) => ({ bucket: num(r.b), count: num(r.count) }));
  }

  /** Customer messages per hour of the day (UTC), busiest first. */
  async busiestHours(s: AnalyticsScope): Promise<Array<{ hour: number; messages: number }>> {
    const rows = await this.rows(
      s,
      () => `SELECT extract(hour FROM created_at AT TIME ZONE 'UTC') AS hour, count(*) AS messages FROM messages
    WHERE role = 'customer' AND conversation_id IN (SELECT id FROM conv) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 24`,
    );
    return rows.map((r) => ({ hour: num(r.hour), messages: num(r.messages) }));
  }

  /** The customer questions the AI found no answer to (its reply is marked as a knowledge gap). */
  async gapQuestions(s: AnalyticsScope): Promise<string[]> {
    const rows = await this.rows(
      s,
      () => `SELECT q.text FROM messages a JOIN messages q ON q.id = a.meta->>'replyTo'
    WHERE a.role = 'ai' AND (a.meta->>'gap') = 'true' AND a.conversation_id IN (SELECT id FROM conv)`,
    );
    return rows.map((r) => String(r.text));
  }

  /** Conversations per label (staff and rule labels; removed ones not counted), the 50 most used. */
  async labels(s: AnalyticsScope): Promise<Array<{ label: string; conversations: number }>> {
    const rows = await this.rows(
      s,
      () => `SELECT label, count(*) AS conversations FROM conversation_labels
    WHERE source <> 'removed' AND conversation_id IN (SELECT id FROM conv) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50`,
    );
    return rows.map((r) => ({ label: String(r.label), conversations: num(r.conversations) }));
  }
}
