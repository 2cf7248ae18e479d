import type { ClaimedJob, JobKind, JobStore, Lease } from '../storage/jobs.js';
import type { Logger } from '../util/logger.js';

/** A handler throws this to ask for another attempt after `ms` instead of when the lease runs out. */
export class RetryLater extends Error {
  constructor(
    readonly ms: number,
    message = 'retry later',
  ) {
    super(message);
  }
}

export interface JobWorkerOptions {
  store: JobStore;
  /** This node's lease: a fresh owner id per process, and how long a claim holds. */
  lease: Lease;
  /** How often to look for jobs whose lease ran out (ms; 0 = only at start and on demand). */
  sweepMs: number;
  /** Jobs this node's sweeper runs at once. */
  concurrency: number;
  /** First retry delay after a failed attempt (doubled per attempt, capped at the lease). */
  retryMs: number;
  logger: Logger;
}

/**
 * Runs durable jobs on this node: the ones it records (at once) and, at start and every `sweepMs`, any whose lease ran
 * out on any node (a crash, a lost lease, a failed attempt). A job is deleted by its handler when done; a handler that
 * throws leaves it for a later attempt. Exactly-once effects are the handlers' business (a unique key per reply).
 */
export class JobWorker {
  private readonly handlers = new Map<JobKind, (job: ClaimedJob) => Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  /** Jobs this node is working on, with how many runs hold each: their leases are renewed until released. */
  private readonly held = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private closed = false;

  constructor(readonly o: JobWorkerOptions) {}

  /** The lease a job recorded by this node starts with. */
  get lease(): Lease {
    return this.o.lease;
  }

  /** The job table. */
  get store(): JobStore {
    return this.o.store;
  }

  /** Register the handler of a kind. */
  handle(kind: JobKind, fn: (job: ClaimedJob) => Promise<void>): void {
    this.handlers.set(kind, fn);
  }

  /**
   * Start sweeping: at once (in the background: left-over work must not hold up listening), then periodically.
   * `alone`: every existing lease belongs to a dead process (embedded database).
   */
  start(alone: boolean): void {
    void this.sweep(alone);
    if (this.o.sweepMs > 0) {
      this.timer = setInterval(() => void this.sweep(), this.o.sweepMs);
      this.timer.unref();
    }
    // A lease shorter than the slowest answer (an LLM call) stays safe: running jobs renew theirs, in one statement.
    this.heartbeat = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.o.lease.ms / 3)));
    this.heartbeat.unref();
  }

  /** Keep renewing the lease on `id` while this node works on it; call the returned function when done. */
  hold(id: string): () => void {
    this.held.set(id, (this.held.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.held.get(id) ?? 1) - 1;
      if (n > 0) this.held.set(id, n);
      else this.held.delete(id);
    };
  }

  private async renew(): Promise<void> {
    if (!this.held.size || this.closed) return;
    await this.o.store
      .renew([...this.held.keys()], this.o.lease.owner, this.o.lease.ms)
      .catch((err) => this.o.logger.warn({ err }, 'could not renew job leases'));
  }

  /** Run a job this node holds; a failure is logged and the job postponed for a retry. */
  run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return Promise.resolve();
    const release = this.hold(job.id);
    const p = handler(job)
      .catch((err) => this.failed(job, err))
      .finally(release);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** A failed attempt: hand the job back after a backoff (a RetryLater's own delay when given). */
  async failed(job: Pick<ClaimedJob, 'id' | 'kind' | 'attempts'>, err: unknown): Promise<void> {
    const ms =
      err instanceof RetryLater
        ? err.ms
        : Math.min(this.o.lease.ms, this.o.retryMs * 2 ** Math.max(0, job.attempts - 1));
    if (!(err instanceof RetryLater))
      this.o.logger.error({ err, job: job.id, kind: job.kind, attempts: job.attempts }, 'job failed; will retry');
    if (this.closed) return;
    await this.o.store
      .postpone(job.id, this.o.lease.owner, ms)
      .catch((e) => this.o.logger.warn({ err: e, job: job.id }, 'could not postpone a job'));
  }

  /** Claim one job if its lease ran out (a duplicate send of an unanswered message) and run it; false when it is held or done. */
  async retry(id: string): Promise<boolean> {
    if (this.closed) return false;
    const job = await this.o.store.claim(id, this.o.lease);
    if (!job) return false;
    void this.run(job);
    return true;
  }

  /** Claim due jobs up to the free concurrency and run them; repeats while there is room and work. */
  sweep(all = false): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        while (!this.closed) {
          const room = this.o.concurrency - this.running.size;
          if (room <= 0) break;
          const jobs = await this.o.store.claimDue(this.o.lease, room, all);
          for (const job of jobs) void this.run(job);
          if (jobs.length < room) break;
          // Full batch: wait for one to finish before claiming more, so claimed jobs never wait out their lease here.
          await Promise.race(this.running);
        }
      } catch (err) {
        this.o.logger.warn({ err }, 'job sweep failed');
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** Resolve once nothing runs (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size || this.sweeping) await Promise.allSettled([...this.running, this.sweeping]);
  }

  /** Stop sweeping and wait for running jobs; unfinished ones stay in the table for the next node. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    await this.idle();
  }
}
