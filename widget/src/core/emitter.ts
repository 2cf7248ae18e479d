/** A tiny typed event emitter; `on` returns its own unsubscribe function. */
export class Emitter<E extends Record<string, unknown>> {
  private readonly handlers = new Map<keyof E, Set<(p: never) => void>>();

  on<K extends keyof E>(event: K, fn: (payload: E[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(fn as (p: never) => void);
    return () => set!.delete(fn as (p: never) => void);
  }

  emit<K extends keyof E>(event: K, payload: E[K], onError?: (err: unknown) => void): void {
    for (const fn of this.handlers.get(event) ?? []) {
      try {
        (fn as (p: E[K]) => void)(payload);
      } catch (err) {
        // A host page's listener must never break the widget, nor the widget the page.
        onError?.(err);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
