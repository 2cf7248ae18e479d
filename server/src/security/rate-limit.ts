import { AppError } from '../util/errors.js';

/** One token bucket: holds up to `capacity` tokens and refills `capacity` every `windowMs`. */
export interface Bucket {
  key: string;
  capacity: number;
  windowMs: number;
}

/** Outcome of taking tokens: allowed, or refused with the wait until it would be allowed. */
export interface TakeResult {
  ok: boolean;
  retryAfterMs: number;
}

/** Where buckets live: this process's memory, or Redis so every node shares them. */
export interface LimitStore {
  /** Take `cost` tokens from every bucket, all or nothing. */
  take(buckets: Bucket[], cost?: number): Promise<TakeResult>;
  close?(): Promise<void>;
}

interface State {
  tokens: number;
  at: number;
}

/** Token buckets in memory: exact for one node. Idle full buckets are dropped when the map grows. */
export class MemoryLimitStore implements LimitStore {
  private readonly buckets = new Map<string, State & { capacity: number; rate: number }>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  async take(buckets: Bucket[], cost = 1): Promise<TakeResult> {
    const t = this.now();
    let wait = 0;
    const states = buckets.map((b) => {
      const rate = b.capacity / b.windowMs;
      const s = this.buckets.get(b.key);
      const tokens = s ? Math.min(b.capacity, s.tokens + (t - s.at) * rate) : b.capacity;
      if (tokens < cost) wait = Math.max(wait, (cost - tokens) / rate);
      return { b, tokens, rate };
    });
    if (wait > 0) return { ok: false, retryAfterMs: Math.ceil(wait) };
    for (const { b, tokens, rate } of states)
      this.buckets.set(b.key, { tokens: tokens - cost, at: t, capacity: b.capacity, rate });
    if (this.buckets.size > this.maxKeys) this.sweep(t);
    return { ok: true, retryAfterMs: 0 };
  }

  private sweep(t: number): void {
    for (const [key, s] of this.buckets) if (s.tokens + (t - s.at) * s.rate >= s.capacity) this.buckets.delete(key);
  }
}

/** A limit in the configuration: `limit` events per `windowMs`; 0 switches it off. */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The configured limits (per visitor, per IP), read from the server config. */
export interface RateLimitSettings {
  rateMessagesPerMinute: number;
  rateMessagesPerHour: number;
  rateIpMessagesPerMinute: number;
  rateEventsPerMinute: number;
  rateRequestsPerMinute: number;
  rateLoginsPerMinute: number;
  rateConnectionsPerMinute: number;
  rateLoginsPerAccountPer15Minutes: number;
  rateLoginsPerAccountPerDay: number;
}

/** What is being limited. */
export type LimitKind = 'message' | 'event' | 'request' | 'login' | 'account-login' | 'connection';

/** Who is acting: the visitor (when known), the client IP, and the staff account a login names. */
export interface Subject {
  visitorId?: string;
  ip?: string;
  account?: string;
}

/** Applies the configured buckets to an action and refuses with `rate_limited` + `retryAfter` (seconds). */
export class RateLimiter {
  private readonly rules: Record<LimitKind, Array<{ by: keyof Subject; rule: LimitRule; name: string }>>;
  constructor(
    readonly store: LimitStore,
    s: RateLimitSettings,
  ) {
    const r = (limit: number, windowMs: number): LimitRule => ({ limit, windowMs });
    this.rules = {
      message: [
        { by: 'visitorId', name: 'msg-m', rule: r(s.rateMessagesPerMinute, MINUTE) },
        { by: 'visitorId', name: 'msg-h', rule: r(s.rateMessagesPerHour, HOUR) },
        { by: 'ip', name: 'msg-ip', rule: r(s.rateIpMessagesPerMinute, MINUTE) },
      ],
      event: [{ by: 'visitorId', name: 'evt', rule: r(s.rateEventsPerMinute, MINUTE) }],
      request: [{ by: 'ip', name: 'req', rule: r(s.rateRequestsPerMinute, MINUTE) }],
      login: [{ by: 'ip', name: 'login', rule: r(s.rateLoginsPerMinute, MINUTE) }],
      // Two tiers act as a backoff: a burst, then one try per 90 s, then one per half hour once the day's budget is spent.
      'account-login': [
        { by: 'account', name: 'login-acct', rule: r(s.rateLoginsPerAccountPer15Minutes, 15 * MINUTE) },
        { by: 'account', name: 'login-acct-d', rule: r(s.rateLoginsPerAccountPerDay, 24 * HOUR) },
      ],
      connection: [{ by: 'ip', name: 'conn', rule: r(s.rateConnectionsPerMinute, MINUTE) }],
    };
  }

  /** Count one `kind` action for `subject`; throws AppError('rate_limited') when a bucket is empty. */
  async consume(kind: LimitKind, subject: Subject): Promise<void> {
    const buckets: Bucket[] = [];
    for (const { by, rule, name } of this.rules[kind]) {
      const id = subject[by];
      if (rule.limit > 0 && id) buckets.push({ key: `${name}:${id}`, capacity: rule.limit, windowMs: rule.windowMs });
    }
    if (!buckets.length) return;
    const result = await this.store.take(buckets);
    if (!result.ok) {
      const retryAfter = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      throw new AppError(
        'rate_limited',
        `Too many ${kind === 'message' ? 'messages' : kind === 'account-login' ? 'login attempts for this account' : 'requests'}; try again in ${retryAfter} s.`,
        { retryAfter },
      );
    }
  }
}
