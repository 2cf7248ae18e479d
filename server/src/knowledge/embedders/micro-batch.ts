import { AppError } from '../../util/errors.js';

interface Queued<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

/**
 * Micro-batching in front of a one-at-a-time runner (an embedding worker): `submit` goes straight through while the
 * runner is idle, and items submitted while it is busy wait and leave together, up to `maxBatch` per call, when it is
 * free. Each call to the runner pays a fixed overhead (a message to the worker, a graph run of 300-odd nodes), so
 * concurrent callers share it instead of paying it one after another. A lone caller waits for nothing.
 */
export function createMicroBatcher<T, R>(
  run: (items: T[]) => Promise<R[]>,
  maxBatch: number,
): { submit: (items: T[]) => Promise<R[]>; readonly queued: number } {
  const queue: Queued<T, R>[] = [];
  let busy = false;

  const pump = () => {
    if (busy || queue.length === 0) return;
    busy = true;
    const batch = queue.splice(0, maxBatch);
    let running: Promise<R[]>;
    try {
      running = run(batch.map((q) => q.item));
    } catch (err) {
      // A synchronous throw fails this batch like a rejection, so the batcher cannot stay busy for ever.
      running = Promise.reject(err);
    }
    running
      .then((results) => {
        if (results.length !== batch.length)
          throw new AppError('internal', `a batch of ${batch.length} gave ${results.length} results`);
        batch.forEach((q, i) => q.resolve(results[i]));
      })
      .catch((err: unknown) => {
        const error = err instanceof Error ? err : new AppError('internal', String(err));
        for (const q of batch) q.reject(error);
      })
      .finally(() => {
        busy = false;
        pump();
      });
  };

  return {
    submit(items) {
      const out = items.map((item) => new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject })));
      pump();
      return Promise.all(out);
    },
    get queued() {
      return queue.length;
    },
  };
}
