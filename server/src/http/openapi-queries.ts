// Query strings of routes that parse them by hand, described for the OpenAPI document (openapi.ts).
import { z } from 'zod';

/** `GET /api/admin/audit`. */
export const auditQuery = z.object({
  limit: z.string().optional().describe('entries per page (default 100)'),
  before: z.string().optional().describe("entries older than this id (the previous page's `next`)"),
  action: z.string().optional().describe('an action, or a prefix with `.*` (e.g. `staff.*`)'),
  actor: z.string().optional(),
  target: z.string().optional(),
});
/** `GET /api/kb/search`. */
export const searchQuery = z.object({
  q: z.string().describe('the question'),
  collection: z.string().optional().describe('only this collection (repeatable)'),
  tag: z.string().optional().describe('only documents with this tag (repeatable)'),
  limit: z.string().optional().describe('hits, 1–50 (default 5)'),
  mode: z.enum(['hybrid', 'bm25', 'vector']).optional(),
});
/** `GET /api/conversations/:id/messages`. */
export const historyQuery = z.object({
  afterSeq: z.string().optional().describe('messages after this sequence number'),
  limit: z.string().optional(),
});
