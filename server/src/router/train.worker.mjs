// Trains the routing model off the event loop, so chats are never blocked while it learns. In the built package
// (server/dist) the training code is compiled JavaScript next to this file; in the source tree it is TypeScript, which
// tsx (a runtime dependency of the server) compiles here as it does for the main thread.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./training.js', import.meta.url);
const { trainRouting } = existsSync(compiled) ? await import(compiled.href) : await fromSource();

async function fromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('./training.ts');
}

parentPort.on('message', ({ input }) => {
  try {
    const model = trainRouting(input, (done, total) => parentPort.postMessage({ type: 'progress', done, total }));
    parentPort.postMessage({ type: 'done', model });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ type: 'ready' });
