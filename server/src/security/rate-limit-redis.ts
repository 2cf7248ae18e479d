import type { createClient } from 'redis';
import type { Logger } from '../util/logger.js';
import type { Bucket, LimitStore, TakeResult } from './rate-limit.js';

// The client type only: connecting and the Socket.IO adapter stay in scale/redis.ts, above this layer.
type RedisClient = ReturnType<typeof createClient>;

// Atomic multi-bucket token bucket. Redis's clock is used so every node agrees on time.
// KEYS: bucket keys; ARGV: cost, then capacity and window (ms) per bucket. Returns {allowed, retryAfterMs}.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local wait = 0
local tokens = {}
for i = 1, #KEYS do
  local cap = tonumber(ARGV[i * 2])
  local rate = cap / tonumber(ARGV[i * 2 + 1])
  local v = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local have = tonumber(v[1])
  if have == nil then have = cap else have = math.min(cap, have + (now - tonumber(v[2])) * rate) end
  tokens[i] = have
  if have < cost then
    local w = (cost - have) / rate
    if w > wait then wait = w end
  end
end
if wait > 0 then return {0, math.ceil(wait)} end
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i] - cost), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i * 2 + 1]) + 1000)
end
return {1, 0}
`;

/** Token buckets in Redis, shared by every node. When Redis fails the request is allowed (and logged): chat stays up. */
export class RedisLimitStore implements LimitStore {
  constructor(
    private readonly client: RedisClient,
    private readonly logger: Logger,
    private readonly prefix = 'switchboard:rl:',
  ) {}

  async take(buckets: Bucket[], cost = 1): Promise<TakeResult> {
    try {
      const args = [String(cost)];
      for (const b of buckets) args.push(String(b.capacity), String(b.windowMs));
      const [ok, wait] = (await this.client.eval(SCRIPT, {
        keys: buckets.map((b) => this.prefix + b.key),
        arguments: args,
      })) as [number, number];
      return { ok: ok === 1, retryAfterMs: Number(wait) };
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'redis rate limit failed; allowing the request');
      return { ok: true, retryAfterMs: 0 };
    }
  }
}
