/**
 * Per-key trailing debounce: the first call for a key schedules `run(key)` after `delayMs`; calls for that key until
 * then are absorbed into the same run. Every caller's change is seen, because the run starts after the last of them.
 * `delayMs` 0 runs at once (no debounce). Timers do not keep the process alive; `cancel()` drops pending runs.
 * @example const refresh = debounceByKey((id) => publishSummary(id), 250); refresh('c1'); refresh('c1'); // one run
 */
export function debounceByKey<K>(
  run: (key: K) => void,
  delayMs: number,
): ((key: K) => void) & { pending(): number; cancel(): void } {
  const timers = new Map<K, ReturnType<typeof setTimeout>>();
  const call = (key: K) => {
    if (delayMs <= 0) return run(key);
    if (timers.has(key)) return;
    const timer = setTimeout(() => {
      timers.delete(key);
      run(key);
    }, delayMs);
    timer.unref?.();
    timers.set(key, timer);
  };
  return Object.assign(call, {
    pending: () => timers.size,
    cancel: () => {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  });
}
