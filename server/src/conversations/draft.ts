import { createHash } from 'node:crypto';
import type { ConversationRecord } from '../storage/rows.js';

/**
 * A first-time visitor's unsaved conversation. Its id is derived from the (secret, random) visitor id, so every node
 * and every tab of the visitor agrees on it before it is stored, and whichever speaks first stores it.
 */
export function draftConversation(
  visitorId: string,
  info: { userId?: string; page?: string; locale?: string } = {},
): ConversationRecord {
  const now = new Date().toISOString();
  const id = `c_${createHash('sha256').update(`conversation:${visitorId}`).digest('base64url').slice(0, 22)}`;
  return { id, visitorId, ...info, state: 'ai', lastSeq: 0, createdAt: now, updatedAt: now, draft: true };
}
