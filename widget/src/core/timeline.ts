import type { Message } from '../protocol/messages.js';

/** The conversation as the widget shows it: messages unique by id, ordered by seq, with the highest seq seen. */
export class Timeline {
  private readonly byId = new Map<string, Message>();
  lastSeq = 0;

  /** Add or replace messages; returns true when something new arrived. */
  merge(messages: Message[]): boolean {
    let changed = false;
    for (const m of messages) {
      const before = this.byId.get(m.id);
      if (before && before.seq === m.seq && before.text === m.text) continue;
      this.byId.set(m.id, m);
      if (m.seq > this.lastSeq) this.lastSeq = m.seq;
      changed = true;
    }
    return changed;
  }

  /** Every message in seq order. */
  list(): Message[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Who answered last as a person (after a reload the server's state has no assignee name). */
  lastHumanAuthor(): { name: string } | undefined {
    const m = this.list()
      .reverse()
      .find((x) => x.role === 'human' && x.author);
    return m ? { name: m.author! } : undefined;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  clear(): void {
    this.byId.clear();
    this.lastSeq = 0;
  }
}
