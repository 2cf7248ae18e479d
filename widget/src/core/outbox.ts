import type { WireError } from '../protocol/errors.js';

/** A message typed by the customer that the server has not acknowledged yet. */
export interface Pending {
  clientId: string;
  text: string;
  createdAt: number;
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
  /** Why the server refused it; absent when it failed only for want of an ack. */
  error?: WireError;
  /** A file to upload instead of text (`text` is its name). */
  file?: Blob;
  /** Upload progress of `file`, 0–1. */
  progress?: number;
}

let counter = 0;

/** A client id unique enough to make resends idempotent: time, a counter and randomness. */
export function newClientId(): string {
  const rnd =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `w${Date.now().toString(36)}${(counter++).toString(36)}${rnd}`;
}

/**
 * The outbox: messages are kept, in order, until the server acknowledges them. Sends are retried with the same
 * clientId after a reconnect, so the server stores each exactly once.
 */
export class Outbox {
  private readonly items: Pending[] = [];

  /** Queue a new message; returns it. */
  add(text: string, clientId = newClientId(), file?: Blob): Pending {
    const p: Pending = {
      clientId,
      text,
      createdAt: Date.now(),
      status: 'pending',
      attempts: 0,
      ...(file ? { file } : {}),
    };
    this.items.push(p);
    return p;
  }

  /** Messages waiting to be (re)sent, oldest first. */
  due(): Pending[] {
    return this.items.filter((p) => p.status !== 'sending');
  }

  all(): readonly Pending[] {
    return this.items;
  }

  mark(clientId: string, status: Pending['status']): void {
    const p = this.items.find((i) => i.clientId === clientId);
    if (!p) return;
    p.status = status;
    if (status === 'sending') p.attempts++;
  }

  /** The server stored it: forget it. */
  ack(clientId: string): void {
    const i = this.items.findIndex((p) => p.clientId === clientId);
    if (i >= 0) this.items.splice(i, 1);
  }

  /** Back to pending after a disconnect so the next connection resends them. */
  requeue(): void {
    for (const p of this.items) if (p.status === 'sending') p.status = 'pending';
  }

  get size(): number {
    return this.items.length;
  }
}
