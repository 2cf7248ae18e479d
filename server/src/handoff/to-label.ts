import { z } from 'zod';
import type { Database } from '../storage/db.js';

/** One entry of the console's "To label" queue: a customer message the router was unsure about, or one staff re-labelled. */
export const toLabelItemSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  text: z.string(),
  agent: z.string(),
  confidence: z.number(),
  reason: z.string(),
  topic: z.string().optional(),
  /** The agent staff re-labelled it to, when they did. */
  correctedTo: z.string().optional(),
  createdAt: z.string(),
});
export type ToLabelItem = z.infer<typeof toLabelItemSchema>;

/** Query of the queue: decisions below `below` confidence, newest first. */
export const toLabelQuerySchema = z.object({
  below: z.coerce.number().min(0).max(1).default(0.7),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Include messages already re-labelled (shown with their label). */
  corrected: z.enum(['true', 'false']).default('true'),
});

// Rules, not the model, decided these: a person was asked for, or it was a greeting. Nothing to teach the router.
const NOT_MODEL = [
  'explicit-human',
  'repeated-failure',
  'negative-sentiment',
  'smalltalk',
  'human-handled',
  'placeholder',
  'context',
];

/** Low-confidence and corrected routing decisions, for staff to label: each label retrains the live router. */
export async function toLabelQueue(db: Database, q: z.infer<typeof toLabelQuerySchema>): Promise<ToLabelItem[]> {
  const rows = await db.query<{
    id: string;
    conversation_id: string;
    text: string;
    routing: { agent: string; confidence: number; reason: string; topic?: string };
    created_at: unknown;
    corrected: string | null;
  }>(
    `SELECT m.id, m.conversation_id, m.text, m.routing, m.created_at, c.agent AS corrected
     FROM messages m LEFT JOIN routing_corrections c ON c.message_id = m.id
     WHERE m.role = 'customer' AND m.routing IS NOT NULL
       AND ((c.message_id IS NOT NULL AND $3) OR (c.message_id IS NULL AND (m.routing->>'confidence')::float < $1 AND NOT (m.routing->>'reason' = ANY($4))))
     ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
    [q.below, q.limit, q.corrected === 'true', NOT_MODEL],
  );
  return rows.map((r) => ({
    messageId: r.id,
    conversationId: r.conversation_id,
    text: r.text,
    agent: r.routing.agent,
    confidence: Number(r.routing.confidence),
    reason: r.routing.reason,
    ...(r.routing.topic ? { topic: r.routing.topic } : {}),
    ...(r.corrected ? { correctedTo: r.corrected } : {}),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}
