import { attributeConditions } from '../storage/attribute-filters.js';
import type { Database } from '../storage/db.js';
import { gapGroups } from './gaps.js';

export interface ReportQuery {
  from: Date;
  to: Date;
  agent?: string;
  /** Only conversations whose custom attributes have these values (signed ones win over unsigned ones of the same name). */
  attributes?: Record<string, string>;
  /** Cost of one conversation handled by a person vs by the AI, for the saving estimate. */
  costHuman: number;
  costAi: number;
}

export interface AnalyticsReport {
  period: { from: string; to: string; agent?: string; attributes?: Record<string, string> };
  totals: {
    conversations: number;
    messages: number;
    customerMessages: number;
    escalated: number;
    escalationRate: number;
    resolvedWithoutHuman: number;
    resolutionRate: number;
    feedback: { helpful: number; unhelpful: number };
    firstResponseSeconds: { ai: number | null; human: number | null };
    averageResponseSeconds: { ai: number | null; human: number | null };
    estimatedSaving: number;
    /** Average 1–5 rating and number of ratings. */
    csat: { average: number | null; ratings: number };
  };
  perDay: Array<{ day: string; conversations: number; messages: number; escalated: number }>;
  perAgent: Array<{ agent: string; messages: number; averageConfidence: number; helpful: number; unhelpful: number }>;
  escalationReasons: Array<{ reason: string; count: number }>;
  confidence: Array<{ bucket: string; count: number }>;
  busiestHours: Array<{ hour: number; messages: number }>;
  knowledgeGaps: Array<{ question: string; count: number; examples: string[] }>;
  /** Conversations in the period per label (staff and rule labels; removed ones not counted). */
  labels: Array<{ label: string; conversations: number }>;
}

const num = (v: unknown) => (v == null ? 0 : Number(v));
const secs = (v: unknown) => (v == null ? null : Math.round(Number(v) * 10) / 10);

/** Compute the support lead's figures for a period straight from the stored conversations. */
export async function analyticsReport(db: Database, q: ReportQuery): Promise<AnalyticsReport> {
  const p = [q.from.toISOString(), q.to.toISOString()];
  // Conversations in scope: created in the period, and (with an agent filter) routed to that agent at least once.
  const scope = q.agent
    ? `c.created_at >= $1 AND c.created_at < $2 AND EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.role = 'customer' AND a.agent = $3)`
    : `c.created_at >= $1 AND c.created_at < $2`;
  const params: string[] = q.agent ? [...p, q.agent] : [...p];
  // Attribute filters compare as text (`attr.seats=10` matches the number 10), after the agent's $3 so that stays put.
  const attrs = attributeConditions(q.attributes, params).map((sql) => ` AND ${sql}`);
  const conv = `SELECT c.* FROM conversations c WHERE ${scope}${attrs.join('')}`;

  const [totals] = await db.query(
    `
    WITH conv AS (${conv}),
    esc AS (SELECT DISTINCT conversation_id FROM conversation_events WHERE type = 'escalated' AND conversation_id IN (SELECT id FROM conv)),
    neg AS (SELECT DISTINCT conversation_id FROM feedback WHERE helpful = false AND conversation_id IN (SELECT id FROM conv))
    SELECT (SELECT count(*) FROM conv) AS conversations,
      (SELECT count(*) FROM messages WHERE conversation_id IN (SELECT id FROM conv) AND internal = false) AS messages,
      (SELECT count(*) FROM messages WHERE conversation_id IN (SELECT id FROM conv) AND role = 'customer') AS customer_messages,
      (SELECT count(*) FROM esc) AS escalated,
      (SELECT count(*) FROM conv WHERE id NOT IN (SELECT conversation_id FROM esc) AND id NOT IN (SELECT conversation_id FROM neg)
         AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conv.id AND m.role = 'ai')) AS resolved,
      (SELECT count(*) FILTER (WHERE helpful) FROM feedback WHERE conversation_id IN (SELECT id FROM conv)) AS helpful,
      (SELECT count(*) FILTER (WHERE NOT helpful) FROM feedback WHERE conversation_id IN (SELECT id FROM conv)) AS unhelpful`,
    params,
  );

  // Response time: each customer message to the next AI or human message of the same conversation.
  const [times] = await db.query(
    `
    WITH conv AS (${conv}),
    pairs AS (
      SELECT m.conversation_id, m.seq, m.created_at AS asked,
        (SELECT r.role FROM messages r WHERE r.conversation_id = m.conversation_id AND r.seq > m.seq AND r.role IN ('ai', 'human') AND r.internal = false ORDER BY r.seq LIMIT 1) AS responder,
        (SELECT r.created_at FROM messages r WHERE r.conversation_id = m.conversation_id AND r.seq > m.seq AND r.role IN ('ai', 'human') AND r.internal = false ORDER BY r.seq LIMIT 1) AS answered
      FROM messages m WHERE m.role = 'customer' AND m.conversation_id IN (SELECT id FROM conv)),
    firsts AS (SELECT DISTINCT ON (conversation_id) conversation_id, responder, answered, asked FROM pairs WHERE answered IS NOT NULL ORDER BY conversation_id, seq)
    SELECT
      (SELECT avg(extract(epoch FROM answered - asked)) FROM pairs WHERE responder = 'ai') AS avg_ai,
      (SELECT avg(extract(epoch FROM answered - asked)) FROM pairs WHERE responder = 'human') AS avg_human,
      (SELECT avg(extract(epoch FROM answered - asked)) FROM firsts WHERE responder = 'ai') AS first_ai,
      (SELECT avg(extract(epoch FROM answered - asked)) FROM firsts WHERE responder = 'human') AS first_human`,
    params,
  );

  const perDay = await db.query(
    `
    WITH conv AS (${conv})
    SELECT to_char(date_trunc('day', conv.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*) AS conversations,
      sum((SELECT count(*) FROM messages m WHERE m.conversation_id = conv.id AND m.internal = false)) AS messages,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM conversation_events e WHERE e.conversation_id = conv.id AND e.type = 'escalated')) AS escalated
    FROM conv GROUP BY 1 ORDER BY 1`,
    params,
  );

  const perAgent = await db.query(
    `
    WITH conv AS (${conv})
    SELECT m.agent, count(*) AS messages, avg(m.confidence) AS confidence,
      count(f.message_id) FILTER (WHERE f.helpful) AS helpful, count(f.message_id) FILTER (WHERE NOT f.helpful) AS unhelpful
    FROM messages m LEFT JOIN feedback f ON f.message_id = m.id
    WHERE m.role = 'ai' AND m.conversation_id IN (SELECT id FROM conv) ${q.agent ? 'AND m.agent = $3' : ''}
    GROUP BY m.agent ORDER BY messages DESC`,
    params,
  );

  const reasons = await db.query(
    `
    WITH conv AS (${conv})
    SELECT coalesce(data->>'reason', 'unknown') AS reason, count(*) AS count FROM conversation_events
    WHERE type = 'escalated' AND conversation_id IN (SELECT id FROM conv) GROUP BY 1 ORDER BY 2 DESC`,
    params,
  );

  const confidence = await db.query(
    `
    WITH conv AS (${conv})
    SELECT least(floor(confidence * 10), 9) AS b, count(*) AS count FROM messages
    WHERE role = 'customer' AND confidence IS NOT NULL AND conversation_id IN (SELECT id FROM conv) ${q.agent ? 'AND agent = $3' : ''} GROUP BY 1 ORDER BY 1`,
    params,
  );

  const hours = await db.query(
    `
    WITH conv AS (${conv})
    SELECT extract(hour FROM created_at AT TIME ZONE 'UTC') AS hour, count(*) AS messages FROM messages
    WHERE role = 'customer' AND conversation_id IN (SELECT id FROM conv) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 24`,
    params,
  );

  const [csat] = await db.query(
    `
    WITH conv AS (${conv})
    SELECT avg(rating) AS average, count(*) AS ratings FROM csat WHERE conversation_id IN (SELECT id FROM conv)`,
    params,
  );

  const gaps = await db.query<{ text: string }>(
    `
    WITH conv AS (${conv})
    SELECT q.text FROM messages a JOIN messages q ON q.id = a.meta->>'replyTo'
    WHERE a.role = 'ai' AND (a.meta->>'gap') = 'true' AND a.conversation_id IN (SELECT id FROM conv)`,
    params,
  );

  const labels = await db.query(
    `
    WITH conv AS (${conv})
    SELECT label, count(*) AS conversations FROM conversation_labels
    WHERE source <> 'removed' AND conversation_id IN (SELECT id FROM conv) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50`,
    params,
  );

  const conversations = num(totals.conversations);
  const escalated = num(totals.escalated);
  const resolved = num(totals.resolved);
  return {
    period: {
      from: p[0],
      to: p[1],
      ...(q.agent ? { agent: q.agent } : {}),
      ...(attrs.length ? { attributes: q.attributes } : {}),
    },
    totals: {
      conversations,
      messages: num(totals.messages),
      customerMessages: num(totals.customer_messages),
      escalated,
      escalationRate: conversations ? Math.round((escalated / conversations) * 1000) / 1000 : 0,
      resolvedWithoutHuman: resolved,
      resolutionRate: conversations ? Math.round((resolved / conversations) * 1000) / 1000 : 0,
      feedback: { helpful: num(totals.helpful), unhelpful: num(totals.unhelpful) },
      firstResponseSeconds: { ai: secs(times.first_ai), human: secs(times.first_human) },
      averageResponseSeconds: { ai: secs(times.avg_ai), human: secs(times.avg_human) },
      estimatedSaving: Math.round(resolved * (q.costHuman - q.costAi) * 100) / 100,
      csat: {
        average: csat.average == null ? null : Math.round(Number(csat.average) * 100) / 100,
        ratings: num(csat.ratings),
      },
    },
    perDay: perDay.map((r) => ({
      day: String(r.day),
      conversations: num(r.conversations),
      messages: num(r.messages),
      escalated: num(r.escalated),
    })),
    perAgent: perAgent.map((r) => ({
      agent: String(r.agent ?? 'unknown'),
      messages: num(r.messages),
      averageConfidence: Math.round(num(r.confidence) * 1000) / 1000,
      helpful: num(r.helpful),
      unhelpful: num(r.unhelpful),
    })),
    escalationReasons: reasons.map((r) => ({ reason: String(r.reason), count: num(r.count) })),
    confidence: confidence.map((r) => ({
      bucket: `${(num(r.b) / 10).toFixed(1)}–${((num(r.b) + 1) / 10).toFixed(1)}`,
      count: num(r.count),
    })),
    busiestHours: hours.map((r) => ({ hour: num(r.hour), messages: num(r.messages) })),
    knowledgeGaps: gapGroups(gaps.map((g) => g.text)),
    labels: labels.map((r) => ({ label: String(r.label), conversations: num(r.conversations) })),
  };
}
