/** A call made through `window.Switchboard(…)`, possibly before the widget loaded. */
export type QueuedCall = [command: string, ...args: unknown[]];

type Target = Record<string, unknown>;

/** Replay queued calls in order on the real chat; unknown commands are ignored, errors contained. */
export function replay(chat: object, queue: QueuedCall[]): void {
  for (const [command, ...args] of queue.splice(0)) {
    const fn = (chat as Target)[command];
    if (typeof fn !== 'function' || (command === 'destroy' && args.length)) continue;
    try {
      (fn as (...a: unknown[]) => unknown).apply(chat, args);
    } catch (err) {
      console.error('[switchboard]', command, err);
    }
  }
}
