import type { WireError } from '../protocol/errors.js';
import type { Ack } from '../protocol/events.js';
import type { Message } from '../protocol/messages.js';
import { Outbox, type Pending } from './outbox.js';

/** What the delivery loop needs from the connection and the controller. */
export interface DeliveryHooks {
  /** True while a connected socket can carry messages. */
  canSend(): boolean;
  /** Emit one message; resolves with the server's ack, rejects when no ack came in time. */
  transmit(p: Pending): Promise<Ack<{ message: Message }>>;
  /** The server stored the message (or already had it: same clientId). */
  delivered(message: Message): void;
  /** The server refused it (validation, rate limit…): shown as failed with a retry. */
  refused(p: Pending, error: WireError): void;
  /** The outbox changed (re-render). */
  changed(): void;
}

/**
 * Sends outbox messages one at a time, oldest first, so the server sees them in the order typed. Only one pass runs at
 * a time: calls during a pass make it look again at the end instead of starting a second sender (which would send the
 * same message twice). A missing ack leaves the message pending and stops the pass; it is retried after `retryMs`, on
 * reconnect or on the next send, always with the same clientId, which the server stores once.
 */
export class Delivery {
  readonly outbox = new Outbox();
  private running?: Promise<void>;
  private again = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly hooks: DeliveryHooks,
    private readonly options: { maxAttempts?: number; retryMs?: number } = {},
  ) {}

  /** Queue a new message (or a file, uploaded instead of `text`) and try to send it. */
  add(text: string, file?: Blob): Pending {
    const p = this.outbox.add(text, undefined, file);
    this.hooks.changed();
    void this.flush();
    return p;
  }

  /** Start (or join) a sending pass. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** After a disconnect: in-flight and timed-out messages go back to pending. */
  requeue(): void {
    for (const p of this.outbox.all())
      if (p.status === 'sending' || (p.status === 'failed' && !p.error)) p.status = 'pending';
    this.hooks.changed();
  }

  /** The customer asked to try a failed message again. */
  retry(clientId: string): void {
    const p = this.outbox.all().find((i) => i.clientId === clientId);
    if (!p || p.status !== 'failed') return;
    p.status = 'pending';
    p.error = undefined;
    p.attempts = 0;
    this.hooks.changed();
    void this.flush();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (let p = this.next(); p && this.hooks.canSend(); p = this.next()) {
        if (!(await this.deliver(p))) return;
      }
    } while (this.again && this.hooks.canSend());
  }

  private next(): Pending | undefined {
    return this.outbox.all().find((p) => p.status === 'pending');
  }

  /** Send one message; false when the pass should stop (no ack: the link is probably broken). */
  private async deliver(p: Pending): Promise<boolean> {
    this.outbox.mark(p.clientId, 'sending');
    this.hooks.changed();
    let res: Ack<{ message: Message }>;
    try {
      res = await this.hooks.transmit(p);
    } catch {
      if (p.status === 'sending') p.status = p.attempts >= (this.options.maxAttempts ?? 3) ? 'failed' : 'pending';
      this.hooks.changed();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), this.options.retryMs ?? 3000);
      return false;
    }
    if (res.ok) {
      this.outbox.ack(p.clientId);
      this.hooks.delivered(res.message);
    } else {
      p.status = 'failed';
      p.error = res.error;
      this.hooks.refused(p, res.error);
    }
    this.hooks.changed();
    return true;
  }
}
