import { describe, expect, it } from 'vitest';
import { AppError } from '../util/errors.js';
import { MemoryLimitStore, RateLimiter, type RateLimitSettings } from './rate-limit.js';

const settings: RateLimitSettings = {
  rateMessagesPerMinute: 3,
  rateMessagesPerHour: 5,
  rateIpMessagesPerMinute: 0,
  rateEventsPerMinute: 0,
  rateRequestsPerMinute: 0,
  rateLoginsPerMinute: 2,
  rateConnectionsPerMinute: 0,
  rateLoginsPerAccountPer15Minutes: 0,
  rateLoginsPerAccountPerDay: 0,
};

describe('token buckets', () => {
  it('allows a burst up to capacity, then refills over time', async () => {
    let now = 0;
    const store = new MemoryLimitStore(() => now);
    const bucket = [{ key: 'k', capacity: 3, windowMs: 3000 }];
    for (let i = 0; i < 3; i++) expect((await store.take(bucket)).ok).toBe(true);
    const refused = await store.take(bucket);
    expect(refused).toEqual({ ok: false, retryAfterMs: 1000 });
    now = 1000;
    expect((await store.take(bucket)).ok).toBe(true);
    expect((await store.take(bucket)).ok).toBe(false);
  });

  it('takes from several buckets all or nothing', async () => {
    const store = new MemoryLimitStore(() => 0);
    const small = { key: 'small', capacity: 1, windowMs: 1000 };
    const big = { key: 'big', capacity: 10, windowMs: 1000 };
    expect((await store.take([small, big])).ok).toBe(true);
    expect((await store.take([small, big])).ok).toBe(false);
    // The refused take did not spend from the big bucket: 9 remain.
    for (let i = 0; i < 9; i++) expect((await store.take([big])).ok).toBe(true);
    expect((await store.take([big])).ok).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('enforces the per-minute and per-hour visitor limits with retryAfter', async () => {
    let now = 0;
    const limiter = new RateLimiter(new MemoryLimitStore(() => now), settings);
    for (let i = 0; i < 3; i++) await limiter.consume('message', { visitorId: 'v1', ip: '1.1.1.1' });
    const err = await limiter.consume('message', { visitorId: 'v1' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfter).toBe(20);
    // Another visitor is unaffected.
    await limiter.consume('message', { visitorId: 'v2' });
    now = 60_000;
    await limiter.consume('message', { visitorId: 'v1' });
    await limiter.consume('message', { visitorId: 'v1' });
    // Hour bucket (5) is now empty even though the minute bucket refilled.
    const hourly = await limiter.consume('message', { visitorId: 'v1' }).catch((e) => e);
    expect(hourly.code).toBe('rate_limited');
    expect(hourly.retryAfter).toBeGreaterThan(60);
  });

  it('skips limits set to 0 and subjects it cannot key', async () => {
    const limiter = new RateLimiter(new MemoryLimitStore(() => 0), settings);
    for (let i = 0; i < 50; i++) await limiter.consume('event', { visitorId: 'v' });
    await limiter.consume('login', { ip: '9.9.9.9' });
    await limiter.consume('login', { ip: '9.9.9.9' });
    await expect(limiter.consume('login', { ip: '9.9.9.9' })).rejects.toMatchObject({ code: 'rate_limited' });
    await limiter.consume('login', {});
  });
});
