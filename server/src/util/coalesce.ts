/**
 * Per-key coalescing of an idempotent read-and-publish: callers for a key whose run has not started yet share it;
 * a caller that arrives while a run is under way gets the next run, which starts after that one ends, so every caller
 * sees a run that began after its call (and so after any write it made before calling). Under load, when runs wait
 * in the database's queue, many calls for one key become one run; when idle, each call still gets its own.
 */
export function coalesce<K, V>(run: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const notStarted = new Map<K, Promise<V>>();
  const underWay = new Map<K, Promise<V>>();
  return (key) => {
    const shared = notStarted.get(key);
    if (shared) return shared;
    const previous = underWay.get(key);
    const next = (async () => {
      // Always yields once, so the entry below is set before this run starts and removes it.
      await previous?.catch(() => undefined);
      notStarted.delete(key);
      const current = run(key);
      underWay.set(key, current);
      try {
        return await current;
      } finally {
        if (underWay.get(key) === current) underWay.delete(key);
      }
    })();
    notStarted.set(key, next);
    return next;
  };
}
