import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { folderSource, type KnowledgeBase } from '../knowledge/index.js';
import { AppError } from '../util/errors.js';
import { jsonBody } from './errors.js';

/** One document given through the API; `body` is Markdown. */
export const document = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(500),
  body: z.string().trim().min(1).max(200_000),
  url: z.string().url().max(2000).optional(),
  collection: z.string().max(100).optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
});
/** Body of `POST /api/kb/documents`: documents (a single one is accepted too). */
export const documents = z.array(document).min(1).max(1000);

function invalid(error: z.ZodError): AppError {
  const issue = error.issues[0];
  return new AppError('invalid_payload', `${issue.path.join('.')}: ${issue.message}`, {
    field: String(issue.path.at(-1) ?? ''),
  });
}

/** Body of `POST /api/kb/files`: one file's text. */
export const upload = z.object({
  name: z
    .string()
    .max(200)
    .regex(
      /^[\w][\w .()-]*\.(md|markdown|mdx|html|htm|txt|jsonl)$/i,
      'a file name ending in .md, .html, .txt or .jsonl',
    ),
  content: z.string().min(1).max(5_000_000),
  collection: z.string().trim().min(1).max(100).optional(),
});
/** Body of the `/api/kb/sources/*` calls. */
export const sourceBody = z.object({ source: z.string().min(1).max(4000) });

/** A change made through the API, replayed on the other nodes of a cluster. */
export type KbChange =
  | { op: 'upsert'; docs: z.infer<typeof document>[] }
  | { op: 'delete'; id: string }
  | { op: 'file'; file: z.infer<typeof upload> }
  | { op: 'removeSource'; source: string }
  | { op: 'reingest'; source: string };

/** A source key from what an admin typed: `api`, `upload`, `path:<folder>` or a folder path. */
export const sourceKeyOf = (given: string): string =>
  given === 'api' || given === 'upload' || given.startsWith('path:') ? given : folderSource(given);

/**
 * Admin REST for the knowledge base (mounted at `/api/kb` behind `guard`; changes are audited as `kb.changed` by the
 * security layer): documents by source, file upload, folder re-ingest and removal, add/replace/read/delete, search, stats.
 */
export function kbRoutes(
  kb: KnowledgeBase,
  guard: MiddlewareHandler,
  replicate: (change: KbChange) => void = () => undefined,
): Hono {
  const app = new Hono();
  app.use('*', guard);
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
    const r = schema.safeParse(body);
    if (!r.success) throw invalid(r.error);
    return r.data;
  };
  app.get('/documents', (c) => c.json({ documents: kb.documents(), sources: kb.sources() }));
  app.get('/sources', (c) => c.json({ sources: kb.sources() }));
  app.post('/files', async (c) => {
    const file = parse(upload, await jsonBody(c));
    const result = await kb.ingestFile(file.name, file.content, { collection: file.collection });
    replicate({ op: 'file', file });
    return c.json(
      {
        documents: result.documents,
        chunks: result.chunks,
        embedded: result.embedded,
        issues: result.issues.map((i) => i.message),
      },
      201,
    );
  });
  app.post('/sources/remove', async (c) => {
    const source = sourceKeyOf(parse(sourceBody, await jsonBody(c)).source);
    const removed = await kb.removeSource(source);
    if (!removed) throw new AppError('not_found', `No documents from ${source.replace(/^path:/, '')}.`);
    replicate({ op: 'removeSource', source });
    return c.json({ source, removedDocuments: removed });
  });
  app.post('/sources/reingest', async (c) => {
    const source = sourceKeyOf(parse(sourceBody, await jsonBody(c)).source);
    if (!source.startsWith('path:'))
      throw new AppError(
        'invalid_payload',
        'Only a folder can be re-ingested; documents added through the API or uploaded are replaced by adding them again.',
        { field: 'source' },
      );
    const result = await kb.ingestPath(source.slice('path:'.length));
    replicate({ op: 'reingest', source });
    return c.json({
      source,
      documents: result.documents,
      chunks: result.chunks,
      embedded: result.embedded,
      removedDocuments: result.removedDocuments,
      issues: result.issues.map((i) => i.message),
    });
  });
  app.get('/search', async (c) => {
    const q = c.req.query('q');
    if (!q?.trim()) throw new AppError('invalid_payload', 'q is required.', { field: 'q' });
    const collections = c.req.queries('collection');
    const tags = c.req.queries('tag');
    const mode = c.req.query('mode');
    if (mode && !['hybrid', 'bm25', 'vector'].includes(mode))
      throw new AppError('invalid_payload', 'mode must be hybrid, bm25 or vector.', { field: 'mode' });
    const limit = Math.min(50, Math.max(1, Number(c.req.query('limit') ?? 5) || 5));
    const hits = await kb.search(q, { collections, tags, limit, mode: mode as 'hybrid' | undefined });
    return c.json({
      hits: hits.map((h) => ({
        id: h.chunk.id,
        docId: h.chunk.docId,
        title: h.chunk.title,
        heading: h.chunk.heading,
        text: h.chunk.text,
        url: h.chunk.url,
        collection: h.chunk.collection,
        score: h.score,
        similarity: h.similarity,
      })),
    });
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
    return c.json({
      id: docId,
      title,
      url,
      collection,
      tags,
      chunks: chunks.map((ch) => ({ id: ch.id, heading: ch.heading, text: ch.text })),
    });
  });
  app.delete('/documents/:id', async (c) => {
    if (!(await kb.deleteDocument(c.req.param('id')))) throw new AppError('not_found', 'No such document.');
    replicate({ op: 'delete', id: c.req.param('id') });
    return c.json({ deleted: true });
  });
  return app;
}
