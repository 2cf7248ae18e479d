import { watch as fsWatch } from 'node:fs';

/** Call `onChange` once things settle after any change under `path`; returns a stop function. */
export function watchDebounced(path: string, onChange: () => void, debounceMs = 500): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = fsWatch(path, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

/** Run async tasks one after another, so concurrent ingests never interleave their reads and writes. */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
