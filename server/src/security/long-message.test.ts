import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { createEmbedder } from '../knowledge/embedders/index.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import type { Embedder } from '../knowledge/types.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

// Finding 13 (server side): the longest message the server accepts is capped, and only its start is embedded.
describe('long messages', () => {
  it('--max-text-length is capped at 100,000', () => {
    expect(resolveConfig({ maxTextLength: 100_000 }, {}).maxTextLength).toBe(100_000);
    expect(() => resolveConfig({ maxTextLength: 100_001 }, {})).toThrow(/maxTextLength/);
  });

  it('embeds and searches at most maxQueryChars of a query', async () => {
    const hash = await createEmbedder('hash');
    const seen: number[] = [];
    const recording: Embedder = {
      id: hash.id,
      dim: hash.dim,
      close: () => hash.close(),
      embed: (texts) => (texts.forEach((t) => seen.push(t.length)), hash.embed(texts)),
    };
    const kb = await createKnowledgeBase({ embedder: recording, maxQueryChars: 2000 });
    await kb.upsertDocuments([{ id: 'refunds', title: 'Refunds', body: 'Refunds are paid within five days.' }]);
    seen.length = 0;
    const long = `how do refunds work ${'x'.repeat(60_000)}`;
    await kb.embedQuery(long);
    await kb.search(`${long} again`);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2000);
    await kb.close();
  });

  it('a 60 KB message is stored whole and answered', async () => {
    const server = await startTestServer({ maxTextLength: 100_000, maxSocketBytes: 200_000, logLevel: 'silent' });
    try {
      const { socket } = await connectCustomer(server.url);
      const reply = nextEvent(socket, 'message', (m: { role: string }) => m.role === 'ai');
      const text = `how do refunds work ${'y'.repeat(60_000)}`;
      const ack = await request(socket, 'message:send', { clientId: 'long1', text });
      expect(ack).toMatchObject({ ok: true });
      expect(ack.message.text.length).toBe(text.length);
      await reply;
      socket.disconnect();
    } finally {
      await server.close();
    }
  });
});
