import type { ConversationSummary, Message, RoutingCorrection, StaffSession } from 'switchboard-chat/protocol';

/** Everything the console shows. */
export interface ConsoleState {
  connection: 'connecting' | 'online' | 'offline';
  session?: StaffSession;
  presence: Array<{ id: string; name: string }>;
  inbox: Record<string, ConversationSummary>;
  selectedId?: string;
  messages: Message[];
  corrections: Record<string, string>;
  /** Who is typing in the open conversation (customer, or colleagues by name). */
  typing: { customer: boolean; staff: string[] };
  error?: string;
}

export const initialState = (): ConsoleState => ({
  connection: 'connecting',
  presence: [],
  inbox: {},
  messages: [],
  corrections: {},
  typing: { customer: false, staff: [] },
});

/** Insert or replace a message, keeping seq order (live events and acks can arrive in any order). */
export function mergeMessage(list: Message[], m: Message): Message[] {
  const i = list.findIndex((x) => x.id === m.id);
  const next = i >= 0 ? list.map((x, j) => (j === i ? { ...x, ...m } : x)) : [...list, m];
  return next.sort((a, b) => a.seq - b.seq);
}

/** A tiny observable store; components re-render on change. */
export class ConsoleStore {
  state: ConsoleState = initialState();
  private readonly listeners = new Set<() => void>();

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  update(patch: Partial<ConsoleState> | ((s: ConsoleState) => Partial<ConsoleState>)): void {
    this.state = { ...this.state, ...(typeof patch === 'function' ? patch(this.state) : patch) };
    for (const fn of this.listeners) fn();
  }

  upsert(c: ConversationSummary): void {
    this.update((s) => ({ inbox: { ...s.inbox, [c.id]: c } }));
  }

  message(m: Message): void {
    if (m.conversationId !== this.state.selectedId) return;
    this.update((s) => ({ messages: mergeMessage(s.messages, m) }));
  }

  corrected(c: RoutingCorrection): void {
    if (c.conversationId !== this.state.selectedId) return;
    this.update((s) => ({ corrections: { ...s.corrections, [c.messageId]: c.agent } }));
  }

  typing(e: { conversationId: string; role: 'customer' | 'human'; name?: string; typing: boolean }): void {
    if (e.conversationId !== this.state.selectedId) return;
    this.update((s) => {
      if (e.role === 'customer') return { typing: { ...s.typing, customer: e.typing } };
      const others = s.typing.staff.filter((n) => n !== e.name);
      return { typing: { ...s.typing, staff: e.typing && e.name ? [...others, e.name] : others } };
    });
  }
}
