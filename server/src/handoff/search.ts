import type { SearchHit, SearchQuery } from 'switchboard-chat/protocol';
import type { Database } from '../storage/db.js';
import { SearchStore } from '../storage/search.js';

/**
 * The console's search: PostgreSQL full text over every message (internal notes included: only staff search) and the
 * customer's name, e-mail and id, with filters; the same SQL on PGlite. Newest activity first.
 */
export async function searchConversations(db: Database, q: SearchQuery): Promise<SearchHit[]> {
  const store = new SearchStore(db);
  const limit = q.limit ?? 50;
  const text = q.text?.trim();
  if (!text) return (await store.recent(q, limit)).map((conversationId) => ({ conversationId }));
  const found = await newestMatches(store, q, text, limit);
  // The customer's name, e-mail or id: conversations found this way without a matching message come after.
  for (const id of await store.people(q, text, limit))
    if (found.size < limit && !found.has(id)) found.set(id, { conversationId: id });
  return [...found.values()];
}

/**
 * Matching messages newest first, so the first `limit` distinct conversations met are exactly the top ones. A
 * conversation with many matches uses up rows: the next page continues after the last row seen.
 */
async function newestMatches(
  store: SearchStore,
  q: SearchQuery,
  text: string,
  limit: number,
): Promise<Map<string, SearchHit>> {
  const found = new Map<string, SearchHit>();
  const batch = limit * 8;
  let cursor: string | undefined;
  for (let page = 0; page < 5 && found.size < limit; page++) {
    const rows = await store.messages(q, text, batch, cursor);
    for (const r of rows) {
      if (!found.has(r.conversationId) && found.size < limit)
        found.set(r.conversationId, {
          conversationId: r.conversationId,
          match: { messageId: r.messageId, role: r.role, text: clip(r.text), createdAt: r.createdAt },
        });
    }
    if (rows.length < batch) break;
    cursor = rows[rows.length - 1].messageId;
  }
  return found;
}

/** Long messages are cut around nothing in particular: the console shows a preview, the conversation has the rest. */
function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
