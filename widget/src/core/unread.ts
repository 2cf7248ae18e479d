import type { Message } from '../protocol/messages.js';
import type { KeyValue } from './storage.js';

/**
 * Which replies the customer has seen: the highest seq shown with the panel open. It is kept in storage (only once
 * the customer has interacted) so a reload shows the right unread count on the launcher.
 */
export class ReadTracker {
  /** Undefined for a returning visitor with nothing stored: the first history then counts as read. */
  private seq?: number;

  constructor(
    private readonly storage: KeyValue,
    returning: boolean,
  ) {
    const stored = Number(storage.get('read'));
    this.seq = !returning ? 0 : Number.isFinite(stored) && stored > 0 ? stored : undefined;
  }

  get known(): boolean {
    return this.seq !== undefined;
  }

  /** Everything up to `lastSeq` has been seen; `persist` once the customer has interacted. */
  mark(lastSeq: number, persist: boolean): void {
    this.seq = lastSeq;
    if (persist && lastSeq > 0) this.storage.set('read', String(lastSeq));
  }

  /** Replies (not the customer's own messages) after the last one seen. */
  count(messages: readonly Message[]): number {
    const read = this.seq ?? Number.POSITIVE_INFINITY;
    return messages.filter((m) => m.role !== 'customer' && m.seq > read).length;
  }

  /** A new conversation (logout). */
  reset(): void {
    this.seq = 0;
    this.storage.remove('read');
  }
}
