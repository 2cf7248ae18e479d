import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from './embedders/hash.js';
import { DEFAULT_FUSION, HybridIndex } from './hybrid.js';
import type { Chunk } from './types.js';

const chunk = (id: string, docId: string, title: string, text: string): Chunk => ({
  id,
  docId,
  title,
  heading: '',
  text,
  collection: 'general',
  tags: [],
  hash: id,
});

async function indexOf(chunks: Chunk[], collapseTitles = true) {
  const embedder = createHashEmbedder();
  const index = new HybridIndex(embedder.dim, { ...DEFAULT_FUSION, collapseTitles });
  const vectors = await embedder.embed(chunks.map((c) => `${c.title}. ${c.text}`));
  await index.upsert(chunks.map((c, i) => ({ chunk: c, vector: vectors[i] })));
  return { index, query: async (q: string) => (await embedder.embed([q]))[0] };
}

describe('HybridIndex title collapsing', () => {
  // Three answers to one question would fill the top three; the other question must still be seen.
  const chunks = [
    chunk('a0', 'a0', 'Reset my password', 'Open settings and press reset password to get a reset link.'),
    chunk('a1', 'a1', 'Reset my password', 'The reset password link expires after one hour.'),
    chunk('a2', 'a2', 'Reset my password', 'Ask an admin to reset the password for you.'),
    chunk('b0', 'b0', 'Change my email address', 'You can change the address used to reset a password in settings.'),
    chunk('c0', 'c0', 'Two-step login', 'Add a second step to your login.'),
    chunk('c1', 'c0', 'Two-step login', 'Recovery codes let you reset the second step.'),
  ];

  it('keeps only the best-ranked document per title, with all of its chunks', async () => {
    const { index, query } = await indexOf(chunks);
    const hits = await index.search('reset password', await query('reset password'), { limit: 10 });
    const docs = hits.map((h) => h.chunk.docId);
    expect(docs.filter((d) => d.startsWith('a'))).toHaveLength(1);
    expect(docs).toContain('b0');
    // Chunks of one document are not collapsed against each other.
    expect(hits.filter((h) => h.chunk.docId === 'c0').length).toBe(2);
  });

  it('can be turned off per index or per search', async () => {
    const off = await indexOf(chunks, false);
    const all = await off.index.search('reset password', await off.query('reset password'), { limit: 10 });
    expect(all.filter((h) => h.chunk.docId.startsWith('a'))).toHaveLength(3);
    const on = await indexOf(chunks);
    const perSearch = await on.index.search('reset password', await on.query('reset password'), {
      limit: 10,
      collapse: false,
    });
    expect(perSearch.filter((h) => h.chunk.docId.startsWith('a'))).toHaveLength(3);
  });
});
