/** Where the widget keeps its visitor token; nothing is written until the customer first interacts. */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  readonly kind: 'local' | 'session' | 'memory';
}

function probe(area: () => Storage): Storage | undefined {
  try {
    const s = area();
    const k = '__sb_probe__';
    s.setItem(k, k);
    s.removeItem(k);
    return s;
  } catch {
    // Blocked third-party storage, Safari private mode, sandboxed iframes.
    return undefined;
  }
}

/** The first storage that works: localStorage → sessionStorage → memory. */
export function createStorage(prefix = 'switchboard:'): KeyValue {
  const mem = new Map<string, string>();
  const store = probe(() => localStorage) ?? probe(() => sessionStorage);
  const kind: KeyValue['kind'] = !store ? 'memory' : store === probe(() => localStorage) ? 'local' : 'session';
  return {
    kind,
    get: (k) => {
      try {
        return store ? store.getItem(prefix + k) : (mem.get(k) ?? null);
      } catch {
        return mem.get(k) ?? null;
      }
    },
    set: (k, v) => {
      try {
        if (store) store.setItem(prefix + k, v);
        else mem.set(k, v);
      } catch {
        mem.set(k, v);
      }
    },
    remove: (k) => {
      try {
        store?.removeItem(prefix + k);
      } catch {
        /* ignore */
      }
      mem.delete(k);
    },
  };
}
