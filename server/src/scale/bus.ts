import { EventEmitter } from 'node:events';

/** Cluster-wide notifications (knowledge-base changes, presence); local-only without Redis. */
export interface Bus {
  /** Publish to every node, this one included. */
  publish(channel: string, message: unknown): Promise<void>;
  /** Receive every message published on `channel`; returns an unsubscribe function. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A single-process bus. */
export function localBus(): Bus {
  const ee = new EventEmitter();
  ee.setMaxListeners(0);
  return {
    async publish(channel, message) {
      ee.emit(channel, message);
    },
    async subscribe(channel, handler) {
      ee.on(channel, handler);
      return async () => {
        ee.off(channel, handler);
      };
    },
    async close() {
      ee.removeAllListeners();
    },
  };
}
