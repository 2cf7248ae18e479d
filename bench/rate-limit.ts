// Rate-limiter cost per check, in memory and in Redis (one atomic script per check).
//   npx tsx bench/rate-limit.ts            (Redis part runs when 127.0.0.1:6379 answers, or TEST_REDIS_URL)
import { createLogger } from '../server/src/util/logger.js';
import { connectRedis } from '../server/src/scale/redis.js';
import {
  MemoryLimitStore,
  RateLimiter,
  type LimitStore,
  type RateLimitSettings,
} from '../server/src/security/rate-limit.js';
import { RedisLimitStore } from '../server/src/security/rate-limit-redis.js';
import { reachable, TEST_REDIS_URL } from '../server/src/testing/services.js';

const settings: RateLimitSettings = {
  rateMessagesPerMinute: 1e9,
  rateMessagesPerHour: 1e9,
  rateIpMessagesPerMinute: 1e9,
  rateEventsPerMinute: 1e9,
  rateRequestsPerMinute: 1e9,
  rateLoginsPerMinute: 1e9,
  rateConnectionsPerMinute: 1e9,
  rateLoginsPerAccountPer15Minutes: 1e9,
  rateLoginsPerAccountPerDay: 1e9,
};

async function measure(name: string, store: LimitStore, n: number): Promise<void> {
  const limiter = new RateLimiter(store, settings);
  for (let i = 0; i < 200; i++) await limiter.consume('message', { visitorId: `warm${i % 50}`, ip: '10.0.0.1' });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await limiter.consume('message', { visitorId: `v${i % 1000}`, ip: `10.0.${i % 256}.1` });
  const ms = performance.now() - t0;
  console.log(
    `${name.padEnd(8)} ${n} message checks (3 buckets each): ${((ms / n) * 1000).toFixed(1)} µs/check, ${Math.round(n / (ms / 1000))} checks/s`,
  );
}

await measure('memory', new MemoryLimitStore(), 200_000);
const url = new URL(TEST_REDIS_URL);
if (await reachable(Number(url.port || 6379), url.hostname)) {
  const redis = await connectRedis(TEST_REDIS_URL, createLogger({ level: 'silent' }));
  await measure('redis', new RedisLimitStore(redis, createLogger({ level: 'silent' }), `bench:${Date.now()}:`), 5_000);
  await redis.quit();
} else console.log('redis    skipped: not reachable');
