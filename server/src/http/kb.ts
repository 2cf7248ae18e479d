import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/index.js';
import { AppError } from '../util/errors.js';
import { jsonBody } from './errors.js';

const document = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(500),
  body: z.string().trim().min(1).max(200_000),
  url: z.string().url().max(2000).optional(),
  collection: z.string().max(100).optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
});
const documents = z.array(document).min(1).max(1000);

function invalid(error: z.ZodError): AppError {
  const issue = error.issues[0];
  return new AppError('invalid_payload', `${issue.path.join('.')}: ${issue.message}`, { field: String(issue.path.at(-1) ?? '') });
}

/** A change made through the API, replayed on the other nodes of a cluster. */
export type KbChange = { op: 'upsert'; docs: z.infer<typeof document>[] } | { op: 'delete'; id: string };

/** Admin REST for the knowledge base (mounted at `/api/kb` behind `guard`): add/replace/read/delete documents, search, stats. */
export function kbRoutes(kb: KnowledgeBase, guard: MiddlewareHandler, replicate: (change: KbChange) => void = () => undefined): Hono {
  const app = new Hono();
  app.use('*', guard);
  app.get('/search', async (c) => {
    const q = c.req.query('q');
    if (!q?.trim()) throw new AppError('invalid_payload', 'q is required.', { field: 'q' });
    const collections = c.req.queries('collection');
    const tags = c.req.queries('tag');
    const mode = c.req.query('mode');
    if (mode && !['hybrid', 'bm25', 'vector'].includes(mode)) throw new AppError('invalid_payload', 'mode must be hybrid, bm25 or vector.', { field: 'mode' });
    const limit = Math.min(50, Math.max(1, Number(c.req.query('limit') ?? 5) || 5));
    const hits = await kb.search(q, { collections, tags, limit, mode: mode as 'hybrid' | undefined });
    return c.json({ hits: hits.map((h) => ({ id: h.chunk.id, docId: h.chunk.docId, title: h.chunk.title, heading: h.chunk.heading, text: h.chunk.text, url: h.chunk.url, collection: h.chunk.collection, score: h.score, similarity: h.similarity })) });
  });
  app.get('/stats', (c) => c.json(kb.stats()));
  app.post('/documents', async (c) => {
    const body = await jsonBody(c);
    const parsed = documents.safeParse(Array.isArray(body) ? body : [body]);
    if (!parsed.success) throw invalid(parsed.error);
    const result = await kb.upsertDocuments(parsed.data);
    replicate({ op: 'upsert', docs: parsed.data });
    return c.json({ documents: result.documents, chunks: result.chunks, embedded: result.embedded });
  });
  app.put('/documents/:id', async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>;
    const parsed = document.safeParse({ ...body, id: c.req.param('id') });
    if (!parsed.success) throw invalid(parsed.error);
    const result = await kb.upsertDocuments([parsed.data]);
    replicate({ op: 'upsert', docs: [parsed.data] });
    return c.json({ documents: result.documents, chunks: result.chunks, embedded: result.embedded });
  });
  app.get('/documents/:id', (c) => {
    const chunks = kb.document(c.req.param('id'));
    if (!chunks.length) throw new AppError('not_found', 'No such document.');
    const { docId, title, url, collection, tags } = chunks[0];
    return c.json({ id: docId, title, url, collection, tags, chunks: chunks.map((ch) => ({ id: ch.id, heading: ch.heading, text: ch.text })) });
  });
  app.delete('/documents/:id', async (c) => {
    if (!(await kb.deleteDocument(c.req.param('id')))) throw new AppError('not_found', 'No such document.');
    replicate({ op: 'delete', id: c.req.param('id') });
    return c.json({ deleted: true });
  });
  return app;
}
