import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  root.route(
    '/api/kb',
    kbRoutes(kb, async (c, next) => {
      if (c.req.header('authorization') !== 'Bearer admin') throw new AppError('unauthorized');
      await next();
    }),
  );
  const call = (method: string, path: string, body?: unknown, auth = 'Bearer admin') =>
    root.request(path, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { kb, call };
}

describe('KB admin REST', () => {
  it('adds, replaces, reads, searches and deletes documents', async () => {
    const { call } = await app();
    const add = await call('POST', '/api/kb/documents', [
      {
        id: 'refunds',
        title: 'Refund policy',
        body: '## Eligibility\n\nRefunds within 30 days.',
        collection: 'billing',
        tags: ['money'],
      },
      { id: 'reset', title: 'Reset password', body: 'Use the forgot password link.', collection: 'technical' },
    ]);
    expect(add.status).toBe(200);
    expect(await add.json()).toMatchObject({ documents: 2, chunks: 2, embedded: 2 });

    const search = await (await call('GET', '/api/kb/search?q=refund%20days&collection=billing')).json();
    expect(search.hits[0]).toMatchObject({ docId: 'refunds', heading: 'Eligibility', collection: 'billing' });
    const filtered = await (await call('GET', '/api/kb/search?q=refund&collection=technical')).json();
    expect(filtered.hits.every((h: { collection: string }) => h.collection === 'technical')).toBe(true);

    expect(
      (await call('PUT', '/api/kb/documents/reset', { title: 'Reset password', body: 'Use the link in the email.' }))
        .status,
    ).toBe(200);
    expect(await (await call('GET', '/api/kb/documents/reset')).json()).toMatchObject({
      id: 'reset',
      chunks: [{ text: 'Use the link in the email.' }],
    });

    expect(await (await call('GET', '/api/kb/stats')).json()).toMatchObject({ documents: 2, embedder: 'hash-256' });
    expect((await call('DELETE', '/api/kb/documents/reset')).status).toBe(200);
    expect((await call('DELETE', '/api/kb/documents/reset')).status).toBe(404);
    expect((await call('GET', '/api/kb/documents/reset')).status).toBe(404);
  });

  it('takes an uploaded file, lists documents by source, re-ingests a folder and removes a source', async () => {
    const { kb, call: kbCall } = await app();
    const dir = mkdtempSync(join(tmpdir(), 'sb-kb-'));
    writeFileSync(join(dir, 'delivery.md'), '# Delivery\n\nUK delivery costs 3 pounds.');
    await kb.ingestPath(dir);

    const html = await kbCall('POST', '/api/kb/files', {
      name: 'returns.html',
      content:
        '<html><head><title>Returns</title></head><body><h2>Window</h2><p>Return within 60 days.</p></body></html>',
      collection: 'billing',
    });
    expect(html.status).toBe(201);
    expect(await html.json()).toMatchObject({ documents: 1 });
    const listed = await (await kbCall('GET', '/api/kb/documents')).json();
    expect(listed.documents).toEqual([
      expect.objectContaining({ id: 'delivery', source: `path:${dir}` }),
      expect.objectContaining({ id: 'returns', title: 'Returns', collection: 'billing', source: 'upload', chunks: 1 }),
    ]);
    expect(listed.sources.map((s: { source: string }) => s.source)).toEqual([`path:${dir}`, 'upload']);

    writeFileSync(join(dir, 'delivery.md'), '# Delivery\n\nUK delivery costs 5 pounds.');
    writeFileSync(join(dir, 'opening.md'), '# Opening hours\n\nWe open at nine.');
    const again = await kbCall('POST', '/api/kb/sources/reingest', { source: dir });
    expect(await again.json()).toMatchObject({ documents: 2, embedded: 2 });
    expect(kb.document('delivery')[0].text).toContain('5 pounds');
    expect((await kbCall('POST', '/api/kb/sources/reingest', { source: 'upload' })).status).toBe(400);

    const removed = await kbCall('POST', '/api/kb/sources/remove', { source: dir });
    expect(await removed.json()).toMatchObject({ removedDocuments: 2 });
    expect(kb.documents().map((d) => d.id)).toEqual(['returns']);
    expect((await kbCall('POST', '/api/kb/sources/remove', { source: dir })).status).toBe(404);
  });

  it('refuses an upload that is not a supported text file', async () => {
    const { call } = await app();
    for (const body of [
      { name: 'virus.exe', content: 'MZ' },
      { name: '../etc/passwd.md', content: 'x' },
      { name: 'empty.md', content: '' },
    ]) {
      const res = await call('POST', '/api/kb/files', body);
      expect(res.status, body.name).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_payload');
    }
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
