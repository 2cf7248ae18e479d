import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { Logger } from '../util/logger.js';
import type { Bus } from './bus.js';
import { withHandledPublish } from './handled-publish.js';

export type RedisClient = ReturnType<typeof createClient>;

/** Connect to Redis (fails fast with a clear error when it cannot be reached). */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 2000), connectTimeout: 5000 },
  });
  let first = true;
  client.on('error', (err) => {
    if (!first) logger.warn({ err: err.message }, 'redis connection problem');
  });
  try {
    await client.connect();
  } catch (err) {
    await client.disconnect().catch(() => undefined);
    throw new Error(`cannot connect to Redis at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  first = false;
  return client;
}

/** Use the Redis Streams adapter, which keeps connection state recovery working across nodes; stream and channels carry `prefix`. */
export function useRedisAdapter(io: Server, client: RedisClient, prefix = 'switchboard', logger?: Logger): void {
  // The session keys too: the adapter's default `sio:session:` would be shared by every deployment on the server.
  const handled = withHandledPublish(client, (err) => logger?.debug({ err }, 'socket.io adapter publish failed'));
  io.adapter(
    createAdapter(handled, {
      streamName: prefix,
      channelPrefix: prefix,
      sessionKeyPrefix: `${prefix}:session:`,
      onlyPlaintext: true,
    }),
  );
}

/** A Redis pub/sub bus on channels `<prefix>:bus:<channel>`: each node keeps a duplicate connection for subscriptions. */
export async function redisBus(client: RedisClient, deployment = 'switchboard'): Promise<Bus> {
  const sub = client.duplicate();
  await sub.connect();
  const prefix = `${deployment}:bus:`;
  return {
    async publish(channel, message) {
      await client.publish(prefix + channel, JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      const listener = (raw: string) => {
        try {
          handler(JSON.parse(raw));
        } catch {
          // A foreign or corrupt message on our channel is ignored rather than crashing the node.
        }
      };
      await sub.subscribe(prefix + channel, listener);
      return async () => {
        await sub.unsubscribe(prefix + channel, listener);
      };
    },
    async close() {
      await sub.quit().catch(() => undefined);
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}
