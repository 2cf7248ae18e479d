import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConversationSummary, Message } from 'switchboard-chat/protocol';
import type { JobWorker } from '../conversations/jobs.js';
import type { ClaimedJob } from '../storage/jobs.js';
import { newId } from '../util/ids.js';
import type { Logger } from '../util/logger.js';

/** What a webhook announces. */
export type WebhookEventType = 'conversation.escalated' | 'message.customer';

/** The JSON body of a webhook call (format `json`). */
export interface WebhookPayload {
  /** Delivery id; the same on every retry, so receivers can drop duplicates. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  conversation: ConversationSummary;
  message?: Message;
  /** Link to the conversation in the console, when the public URL is known. */
  consoleUrl?: string;
}

export interface WebhookOptions {
  url: string;
  /** HMAC-SHA256 key; without it requests are sent unsigned. */
  secret?: string;
  /** `json` (default) or `slack` (an incoming-webhook `{ text }` body). */
  format?: 'json' | 'slack';
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** First retry delay in ms, doubled each time with ±20 % jitter (default 1000). */
  backoffMs?: number;
  /** Per-attempt timeout in ms (default 10000). */
  timeoutMs?: number;
  /** Base URL of the console for links (e.g. `https://support.example.com`). */
  publicUrl?: string;
  logger: Logger;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Durable deliveries: each one is a job row until it succeeds or gives up, so a restart or another node resumes it. */
  jobs?: JobWorker;
}

/** Outcome of one delivery. */
export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status?: number;
}

const MAX_DELAY_MS = 60_000;

/** The signature header value: `sha256=<hex HMAC of "<timestamp>.<body>">`. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Check a webhook signature (for receivers and tests); rejects timestamps older than `toleranceSeconds`. */
export function verifySignature(
  secret: string,
  signature: string | null,
  timestamp: string | null,
  body: string,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// Slack treats <, > and & as control characters in text.
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Slack incoming-webhook body for an event. */
export function slackBody(p: WebhookPayload): { text: string } {
  const who =
    p.conversation.user?.name ??
    p.conversation.user?.email ??
    p.conversation.contactEmail ??
    `visitor ${p.conversation.visitorId.slice(0, 8)}`;
  const head =
    p.type === 'conversation.escalated'
      ? `:raising_hand: *${slackEscape(who)}* is waiting for a person`
      : `:speech_balloon: *${slackEscape(who)}* wrote`;
  const lines = [head];
  if (p.type === 'conversation.escalated' && p.conversation.summary) lines.push(slackEscape(p.conversation.summary));
  if (p.message) lines.push(`> ${slackEscape(p.message.text).replace(/\n/g, '\n> ')}`);
  if (p.consoleUrl) lines.push(`<${p.consoleUrl}|Open in the console>`);
  return { text: lines.join('\n') };
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** Sends HMAC-signed webhook calls in the background, retrying failures with exponential backoff. */
export class WebhookSender {
  private readonly stop = new AbortController();
  private readonly inFlight = new Set<Promise<DeliveryResult>>();
  private readonly fetch: typeof fetch;

  constructor(private readonly o: WebhookOptions) {
    this.fetch = o.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /**
   * Queue an event for delivery (fire and forget); failures are logged. `job`: an escalation job whose row becomes
   * this delivery's job (its id is the delivery id); `recorded` on the result settles once the row is written.
   */
  send(
    type: WebhookEventType,
    data: { conversation: ConversationSummary; message?: Message },
    job?: string,
  ): Promise<DeliveryResult> & { recorded: Promise<boolean> } {
    const payload: WebhookPayload = {
      id: job ?? newId('wh'),
      type,
      createdAt: new Date().toISOString(),
      ...data,
      ...(this.o.publicUrl
        ? { consoleUrl: `${this.o.publicUrl.replace(/\/$/, '')}/console#${data.conversation.id}` }
        : {}),
    };
    const jobs = this.o.jobs;
    const recorded = !jobs
      ? Promise.resolve(false)
      : job
        ? jobs.store.convert(job, 'escalation', 'webhook', payload, jobs.lease)
        : jobs.store
            .add({ id: payload.id, kind: 'webhook', conversationId: data.conversation.id, payload }, jobs.lease)
            .then(() => true);
    // An escalation job already turned into its delivery (by another run) is that run's to deliver.
    const gone = (durable: boolean) => !!job && !!jobs && !durable;
    const delivery = this.track(
      recorded.then((durable) => (gone(durable) ? { ok: false, attempts: 0 } : this.deliver(payload, 1, durable))),
    );
    return Object.assign(delivery, { recorded });
  }

  /** Resume a durable delivery claimed after a restart or on another node (the `webhook` job handler). */
  resume(job: ClaimedJob): Promise<void> {
    return this.track(this.deliver(job.payload as WebhookPayload, job.attempts, true)).then(() => undefined);
  }

  private track(p: Promise<DeliveryResult>): Promise<DeliveryResult> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /**
   * Deliver one payload from attempt `first`, retrying on network errors, timeouts, 408, 429 and 5xx. Never throws.
   * `durable`: the job row keeps its lease across each backoff and is deleted at the end; a shutdown leaves it for later.
   */
  async deliver(payload: WebhookPayload, first = 1, durable = false): Promise<DeliveryResult> {
    const result = await this.attempts(payload, first, durable);
    if (durable && !this.stop.signal.aborted)
      await this.o
        .jobs!.store.complete(payload.id)
        .catch((err) => this.o.logger.warn({ err, id: payload.id }, 'could not close a webhook job'));
    return result;
  }

  private async attempts(payload: WebhookPayload, first: number, durable: boolean): Promise<DeliveryResult> {
    const body = JSON.stringify(this.o.format === 'slack' ? slackBody(payload) : payload);
    const retries = this.o.retries ?? 5;
    let status: number | undefined;
    for (let attempt = first; attempt <= retries + 1; attempt++) {
      if (this.stop.signal.aborted) break;
      let retryAfterMs: number | undefined;
      try {
        const res = await this.attempt(payload, body);
        status = res.status;
        if (res.ok) return { ok: true, attempts: attempt, status };
        if (!retryable(res.status)) {
          this.o.logger.warn({ webhook: payload.type, id: payload.id, status }, 'webhook refused; not retrying');
          return { ok: false, attempts: attempt, status };
        }
        const ra = Number(res.headers.get('retry-after'));
        if (Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000;
      } catch (err) {
        status = undefined;
        if (this.stop.signal.aborted) break;
        this.o.logger.debug({ err, webhook: payload.type, id: payload.id, attempt }, 'webhook attempt failed');
      }
      if (attempt > retries) break;
      const delay = Math.min(MAX_DELAY_MS, retryAfterMs ?? this.backoff(attempt));
      // Hold the lease over the pause and the next attempt; if this node dies, another resumes after it.
      if (durable)
        await this.o
          .jobs!.store.postpone(
            payload.id,
            this.o.jobs!.lease.owner,
            delay + (this.o.timeoutMs ?? 10_000) + 5000,
            attempt,
          )
          .catch(() => undefined);
      await this.sleep(delay);
    }
    if (this.stop.signal.aborted) return { ok: false, attempts: 0, status };
    this.o.logger.warn({ webhook: payload.type, id: payload.id, status }, 'webhook delivery gave up');
    return { ok: false, attempts: retries + 1, status };
  }

  /** Resolve once every queued delivery has finished (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancel pending retries. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }

  private backoff(attempt: number): number {
    const base = (this.o.backoffMs ?? 1000) * 2 ** (attempt - 1);
    return base * (0.8 + Math.random() * 0.4);
  }

  private async attempt(payload: WebhookPayload, body: string): Promise<Response> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Switchboard-Webhook/1',
      'x-switchboard-event': payload.type,
      'x-switchboard-delivery': payload.id,
      'x-switchboard-timestamp': timestamp,
    };
    if (this.o.secret) headers['x-switchboard-signature'] = signPayload(this.o.secret, timestamp, body);
    const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.o.timeoutMs ?? 10_000)]);
    const res = await this.fetch(this.o.url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    // A fetch that reports a network failure as a response (`Response.error()`, status 0: some interceptors and
    // polyfills do) is retried like one that throws, not taken for an HTTP status that is refused.
    if (res.type === 'error' || (res.status === 0 && res.type !== 'opaqueredirect'))
      throw new TypeError('network error');
    await res.arrayBuffer().catch(() => undefined);
    return res;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stop.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
