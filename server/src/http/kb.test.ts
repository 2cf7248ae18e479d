import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { AppError } from '../util/errors.js';
import { createLogger } from '../util/logger.js';
import { errorHandler } from './errors.js';
import { kbRoutes } from './kb.js';

async function app() {
  const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
  const root = new Hono();
  root.onError(errorHandler(createLogger({ level: 'silent' })));
  root.route('/api/kb', kbRoutes(kb, async (c, next) => {
    if (c.req.header('authorization') !== 'Bearer admin') throw new AppError('unauthorized');
    await next();
  }));
  const call = (method: string, path: string, body?: unknown, auth = 'Bearer admin') =>
    root.request(path, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { kb, call };
}

describe('KB admin REST', () => {
  it('adds, replaces, reads, searches and deletes documents', async () => {
    const { call } = await app();
    const add = await call('POST', '/api/kb/documents', [
      { id: 'refunds', title: 'Refund policy', body: '## Eligibility\n\nRefunds within 30 days.', collection: 'billing', tags: ['money'] },
      { id: 'reset', title: 'Reset password', body: 'Use the forgot password link.', collection: 'technical' },
    ]);
    expect(add.status).toBe(200);
    expect(await add.json()).toMatchObject({ documents: 2, chunks: 2, embedded: 2 });

    const search = await (await call('GET', '/api/kb/search?q=refund%20days&collection=billing')).json();
    expect(search.hits[0]).toMatchObject({ docId: 'refunds', heading: 'Eligibility', collection: 'billing' });
    const filtered = await (await call('GET', '/api/kb/search?q=refund&collection=technical')).json();
    expect(filtered.hits.every((h: { collection: string }) => h.collection === 'technical')).toBe(true);

    expect((await call('PUT', '/api/kb/documents/reset', { title: 'Reset password', body: 'Use the link in the email.' })).status).toBe(200);
    expect(await (await call('GET', '/api/kb/documents/reset')).json()).toMatchObject({ id: 'reset', chunks: [{ text: 'Use the link in the email.' }] });

    expect(await (await call('GET', '/api/kb/stats')).json()).toMatchObject({ documents: 2, embedder: 'hash-256' });
    expect((await call('DELETE', '/api/kb/documents/reset')).status).toBe(200);
    expect((await call('DELETE', '/api/kb/documents/reset')).status).toBe(404);
    expect((await call('GET', '/api/kb/documents/reset')).status).toBe(404);
  });

  it('refuses bad input with invalid_payload and unauthenticated calls with unauthorized', async () => {
    const { call } = await app();
    const empty = await call('POST', '/api/kb/documents', { id: 'x', title: 'T', body: '   ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.code).toBe('invalid_payload');
    expect((await call('GET', '/api/kb/search')).status).toBe(400);
    expect((await call('GET', '/api/kb/search?q=x&mode=fuzzy')).status).toBe(400);
    const anon = await call('GET', '/api/kb/stats', undefined, '');
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe('unauthorized');
  });
});
