import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHashEmbedder } from './embedders/hash.js';
import { createKnowledgeBase } from './index.js';
import type { Embedder } from './types.js';

/** The hash embedder, counting how many texts it embedded. */
function counting(inner: Embedder = createHashEmbedder()): Embedder & { calls: number; texts: number } {
  const e = {
    id: inner.id,
    dim: inner.dim,
    calls: 0,
    texts: 0,
    async embed(texts: string[]) {
      e.calls++;
      e.texts += texts.length;
      return inner.embed(texts);
    },
    close: () => inner.close(),
  };
  return e;
}

let root: string;
let kbDir: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sb-kb-'));
  kbDir = join(root, 'kb');
  dataDir = join(root, 'data');
  mkdirSync(join(kbDir, 'billing'), { recursive: true });
  writeFileSync(
    join(kbDir, 'billing', 'refunds.md'),
    '---\ntitle: Refund policy\ncollection: billing\ntags: [refunds]\n---\n## Eligibility\n\nYou can get a refund within 30 days of a charge.\n\n## How to ask\n\nWrite to billing support with the invoice number.',
  );
  writeFileSync(
    join(kbDir, 'billing', 'invoices.md'),
    '---\ntitle: Download invoices\ncollection: billing\ntags: [invoices]\n---\nInvoices are in Settings, Billing, History. Download a PDF for each month.',
  );
  writeFileSync(
    join(kbDir, 'password.md'),
    '---\ntitle: Reset your password\ncollection: technical\ntags: [login]\n---\nClick "Forgot password" on the sign-in page and follow the emailed link.',
  );
  writeFileSync(
    join(kbDir, 'hours.md'),
    '---\ntitle: Support hours\ncollection: general\n---\nOur team answers Monday to Friday, 9:00 to 17:00 CET.',
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('knowledge base', () => {
  it('ingests a folder and ranks the obvious document first in hybrid, bm25 and vector modes', async () => {
    const kb = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    const r = await kb.ingestPath(kbDir);
    expect(r).toMatchObject({ documents: 4, chunks: 5, embedded: 5, removedDocuments: 0, issues: [] });
    for (const mode of ['hybrid', 'bm25', 'vector'] as const) {
      const [top] = await kb.search('how do I reset my password', { mode });
      expect(top.chunk.docId, mode).toBe('password');
    }
    const [hit] = await kb.search('refund within 30 days');
    expect(hit.chunk).toMatchObject({
      docId: 'billing/refunds',
      heading: 'Eligibility',
      collection: 'billing',
      tags: ['refunds'],
    });
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.similarity).toBeGreaterThan(0);
    expect(hit.bm25).toBeGreaterThan(0);
  });

  it('filters by collection and by tag', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.ingestPath(kbDir);
    const billing = await kb.search('password reset link', { collections: ['billing'], limit: 10 });
    expect(billing.length).toBeGreaterThan(0);
    expect(billing.every((h) => h.chunk.collection === 'billing')).toBe(true);
    const tagged = await kb.search('download', { tags: ['invoices'], limit: 10 });
    expect(tagged.map((h) => h.chunk.docId)).toEqual(['billing/invoices']);
    expect(await kb.search('anything', { collections: ['nope'] })).toEqual([]);
  });

  it('restarts from its snapshot without re-embedding, and a re-ingest of an unchanged folder embeds nothing', async () => {
    const first = counting();
    const kb1 = await createKnowledgeBase({ dataDir, embedder: first });
    await kb1.ingestPath(kbDir);
    await kb1.close();
    expect(first.texts).toBe(5);

    const second = counting();
    const kb2 = await createKnowledgeBase({ dataDir, embedder: second });
    expect(kb2.stats()).toMatchObject({ documents: 4, chunks: 5 });
    expect((await kb2.ingestPath(kbDir)).embedded).toBe(0);
    expect(second.calls).toBe(0);
    const [top] = await kb2.search('support hours', { vector: (await first.embed(['support hours']))[0] });
    expect(top.chunk.docId).toBe('hours');
  });

  it('embeds only changed chunks and removes documents that disappeared from the folder', async () => {
    const e = counting();
    const kb = await createKnowledgeBase({ dataDir, embedder: e });
    await kb.ingestPath(kbDir);
    const changes: string[][] = [];
    kb.onChange((c) => changes.push(c.docIds));
    writeFileSync(
      join(kbDir, 'hours.md'),
      '---\ntitle: Support hours\n---\nOur team answers every day, 8:00 to 20:00 CET.',
    );
    unlinkSync(join(kbDir, 'billing', 'invoices.md'));
    const before = e.texts;
    const r = await kb.ingestPath(kbDir);
    expect(r).toMatchObject({ embedded: 1, removedDocuments: 1, documents: 3 });
    expect(e.texts - before).toBe(1);
    expect(kb.document('billing/invoices')).toEqual([]);
    expect(kb.document('hours')[0].text).toContain('every day');
    expect(changes.at(-1)?.sort()).toContain('billing/invoices');
    const reopened = await createKnowledgeBase({ dataDir, embedder: counting() });
    expect(reopened.stats().documents).toBe(3);
  });

  it('re-embeds everything, with a log line, when started with another embedder', async () => {
    const kb1 = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder(256) });
    await kb1.ingestPath(kbDir);
    const warnings: string[] = [];
    const logger = { warn: (_o: unknown, msg: string) => warnings.push(msg), info: () => {}, error: () => {} } as never;
    const other = counting(createHashEmbedder(64));
    const kb2 = await createKnowledgeBase({ dataDir, embedder: other, logger });
    expect(other.texts).toBe(5);
    expect(warnings.join()).toMatch(/another embedder/);
    expect(kb2.stats()).toMatchObject({ embedder: 'hash-64', dim: 64, chunks: 5 });
    expect((await kb2.search('refund', { mode: 'vector' }))[0].chunk.docId).toBe('billing/refunds');
    // The snapshot now belongs to the new embedder: a third start embeds nothing.
    const again = counting(createHashEmbedder(64));
    await createKnowledgeBase({ dataDir, embedder: again });
    expect(again.texts).toBe(0);
  });

  it('upserts and deletes documents through the API, with Markdown bodies, and bumps the version', async () => {
    const kb = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    const v0 = kb.version;
    await kb.upsertDocuments([
      {
        id: 'api-1',
        title: 'Shipping of hardware keys',
        body: '## Delivery\n\nKeys ship in 3 days.',
        collection: 'general',
        tags: ['shipping'],
      },
    ]);
    expect(kb.version).toBeGreaterThan(v0);
    expect(kb.document('api-1')[0]).toMatchObject({
      heading: 'Delivery',
      text: 'Keys ship in 3 days.',
      tags: ['shipping'],
    });
    expect((await kb.search('when do keys ship'))[0].chunk.docId).toBe('api-1');
    expect(await kb.deleteDocument('api-1')).toBe(true);
    expect(await kb.deleteDocument('api-1')).toBe(false);
    expect(await kb.search('when do keys ship')).toEqual([]);
  });

  it('caches query embeddings and results by normalised text and drops results on change', async () => {
    const e = counting();
    const kb = await createKnowledgeBase({ embedder: e });
    await kb.ingestPath(kbDir);
    const calls = e.calls;
    await kb.search('Refund policy?');
    await kb.search('  refund   POLICY ');
    expect(e.calls - calls).toBe(1);
    expect(kb.stats().cache.searchHitRate).toBeCloseTo(0.5);
    await kb.upsertDocuments([
      { id: 'x', title: 'Refund policy for hardware', body: 'Hardware refunds need the key back.' },
    ]);
    const after = await kb.search('refund policy', { limit: 10 });
    expect(after.map((h) => h.chunk.docId)).toContain('x');
  });

  it('rejects an empty query with invalid_payload and a missing path with not_found', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await expect(kb.search('   ')).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(kb.ingestPath(join(root, 'missing'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('serialises concurrent ingests so none of them is lost', async () => {
    const kb = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    await Promise.all([
      kb.ingestPath(kbDir),
      kb.upsertDocuments([{ id: 'c1', title: 'One', body: 'first' }]),
      kb.upsertDocuments([{ id: 'c2', title: 'Two', body: 'second' }]),
    ]);
    const reopened = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    expect(reopened.stats().documents).toBe(6);
  });
});

describe('change notifications', () => {
  it('announces a metadata-only change (no new embedding) and stays quiet for an identical re-ingest', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.ingestPath(kbDir);
    const seen: string[][] = [];
    kb.onChange((c) => seen.push(c.docIds));
    await kb.ingestPath(kbDir);
    expect(seen).toEqual([]);
    writeFileSync(
      join(kbDir, 'hours.md'),
      '---\ntitle: Support hours\ncollection: general\nurl: https://help.example.com/hours\n---\nOur team answers Monday to Friday, 9:00 to 17:00 CET.',
    );
    const r = await kb.ingestPath(kbDir);
    expect(r.embedded).toBe(0);
    expect(seen).toHaveLength(1);
    expect(kb.document('hours')[0].url).toBe('https://help.example.com/hours');
  });
});

describe('watch', () => {
  it('re-ingests after a file under the folder changes, and stops when asked', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.ingestPath(kbDir);
    const changed = new Promise<string[]>((resolve) => kb.onChange((c) => resolve(c.docIds)));
    const stop = kb.watch(kbDir, { debounceMs: 50 });
    try {
      writeFileSync(
        join(kbDir, 'billing', 'cards.md'),
        '---\ntitle: Payment methods\ncollection: billing\n---\nWe accept cards and PayPal.',
      );
      const ids = await Promise.race([
        changed,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no re-ingest within 10 s')), 10_000)),
      ]);
      expect(ids).toContain('billing/cards');
      expect((await kb.search('paypal'))[0].chunk.docId).toBe('billing/cards');
    } finally {
      stop();
    }
  }, 15_000);
});
