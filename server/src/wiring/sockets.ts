import { Server as IoServer } from 'socket.io';
import type { Config } from '../config.js';
import { localBus, type Bus } from '../scale/bus.js';
import type { RedisClient } from '../scale/redis.js';
import type { OriginPolicy } from '../security/origins.js';
import type { Logger } from '../util/logger.js';

/** The Socket.IO server with its limits and CORS, and (several nodes) the Redis adapter and cluster bus. */
export async function createSockets(
  config: Config,
  logger: Logger,
  origins: OriginPolicy,
): Promise<{ io: IoServer; redis: RedisClient | undefined; bus: Bus }> {
  const io = new IoServer({
    maxHttpBufferSize: config.maxSocketBytes,
    connectionStateRecovery: { maxDisconnectionDuration: config.recoveryWindowMs, skipMiddlewares: true },
    // Polling CORS only; the /chat handshake guard refuses disallowed origins on every transport.
    cors: { origin: (origin, cb) => cb(null, origins.allows(origin)), credentials: false },
  });
  // Several nodes: Socket.IO rooms, recovery and cluster notifications go through Redis.
  let redis: RedisClient | undefined;
  let bus: Bus = localBus();
  if (config.redisUrl) {
    // Loaded only when configured: the Redis client and adapter cost ~50 MB resident on a single node that never uses them.
    const { connectRedis, redisBus, useRedisAdapter } = await import('../scale/redis.js');
    redis = await connectRedis(config.redisUrl, logger);
    useRedisAdapter(io, redis, config.redisPrefix, logger);
    bus = await redisBus(redis, config.redisPrefix);
    logger.info('redis adapter enabled');
  }
  return { io, redis, bus };
}
