/**
 * The client as the Redis Streams adapter should see it: its `publish` and `sPublish` promises always have a handler.
 * The adapter sends ephemeral messages (a cross-node `fetchSockets`, for one) with PUBLISH and drops the promise
 * (@socket.io/redis-streams-adapter 0.2, `doPublish`): one sent after the client was closed — a presence check
 * running while the server shuts down — was an unhandled rejection, which ends a Node.js process.
 */
export function withHandledPublish<T extends object>(client: T, onError: (err: unknown) => void = () => undefined): T {
  // One wrapper per method, made on first use: the adapter reads these on every message it sends or reads.
  const wrapped = new Map<PropertyKey, { of: unknown; fn: unknown }>();
  const wrap = (key: PropertyKey, fn: (...args: unknown[]) => unknown, target: T) =>
    key !== 'publish' && key !== 'sPublish'
      ? fn.bind(target)
      : (...args: unknown[]) => {
          const sent = fn.apply(target, args);
          if (sent instanceof Promise) sent.catch(onError);
          return sent;
        };
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let known = wrapped.get(key);
      if (known?.of !== value) wrapped.set(key, (known = { of: value, fn: wrap(key, value as never, target) }));
      return known.fn;
    },
  });
}
