import { z } from 'zod';
import type { Database } from '../storage/db.js';
import { toLabelRows } from '../storage/to-label.js';

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
  const rows = await toLabelRows(db, {
    below: q.below,
    limit: q.limit,
    corrected: q.corrected === 'true',
    skipReasons: NOT_MODEL,
  });
  return rows.map((r) => ({
    messageId: r.messageId,
    conversationId: r.conversationId,
    text: r.text,
    agent: r.routing.agent,
    confidence: Number(r.routing.confidence),
    reason: r.routing.reason,
    ...(r.routing.topic ? { topic: r.routing.topic } : {}),
    ...(r.correctedTo ? { correctedTo: r.correctedTo } : {}),
    createdAt: r.createdAt,
  }));
}
