/**
 * The client as the Redis Streams adapter should see it: its `publish` and `sPublish` promises always have a handler.
 * The adapter sends ephemeral messages (a cross-node `fetchSockets`, for one) with PUBLISH and drops the promise
 * (@socket.io/redis-streams-adapter 0.2, `doPublish`): one sent after the client was closed — a presence check
 * running while the server shuts down — was an unhandled rejection, which ends a Node.js process.
 */
export function withHandledPublish<T extends object>(client: T, onError: (err: unknown) => void = () => undefined): T {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key !== 'publish' && key !== 'sPublish') return value.bind(target);
      return (...args: unknown[]) => {
        const sent = value.apply(target, args) as unknown;
        if (sent instanceof Promise) sent.catch(onError);
        return sent;
      };
    },
  });
}
