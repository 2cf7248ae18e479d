// Trains the routing model off the event loop, so chats are never blocked while it learns. The training code is
// TypeScript: tsx (a runtime dependency of the server) compiles it here as it does for the main thread.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainRouting } = await import('./training.ts');

parentPort.on('message', ({ input }) => {
  try {
    const model = trainRouting(input, (done, total) => parentPort.postMessage({ type: 'progress', done, total }));
    parentPort.postMessage({ type: 'done', model });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ type: 'ready' });
