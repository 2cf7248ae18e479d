import { session } from './api.js';

/** One entry of `GET /api/console/to-label` (server: handoff/to-label.ts). */
export interface ToLabelItem {
  messageId: string;
  conversationId: string;
  text: string;
  agent: string;
  confidence: number;
  reason: string;
  topic?: string;
  correctedTo?: string;
  createdAt: string;
}

/** The queue of unsure and corrected routing decisions, newest first. */
export async function toLabel(below = 0.7): Promise<ToLabelItem[]> {
  const res = await fetch(`/api/console/to-label?below=${below}`, {
    headers: { authorization: `Bearer ${session.get() ?? ''}` },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return (body as { items: ToLabelItem[] }).items;
}
