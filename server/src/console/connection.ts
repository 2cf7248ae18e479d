import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AckData,
  ConversationSummary,
  PayloadOf,
  StaffClientToServerEvents,
  StaffServerToClientEvents,
} from 'switchboard-chat/protocol';
import type { ConsoleStore } from './store.js';

export type StaffSocket = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;
/** The staff requests that are answered with an ack. */
type StaffEvent = Exclude<keyof StaffClientToServerEvents, 'typing'>;
/** What a staff request's successful ack carries. */
export type StaffAck<E extends StaffEvent> = AckData<StaffClientToServerEvents[E]>;

/** A refused staff request, with the server's error code. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The console's connection to `/agents`: feeds the store, and wraps requests as promises. */
export class Connection {
  readonly socket: StaffSocket;

  /** `onUpsert` sees every inbox update with the summary it replaces (notifications). */
  constructor(
    token: string,
    private readonly store: ConsoleStore,
    onUnauthorized: () => void,
    onUpsert?: (prev: ConversationSummary | undefined, next: ConversationSummary) => void,
  ) {
    this.socket = io('/agents', { auth: { token }, transports: ['websocket', 'polling'] });
    const s = this.socket;
    s.on('connect', () => {
      store.update({ connection: 'online', error: undefined });
      void this.refresh();
    });
    s.on('disconnect', () => store.update({ connection: 'offline' }));
    s.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code ?? err.message;
      if (code === 'unauthorized' || code === 'token_invalid' || code === 'token_expired') onUnauthorized();
      else store.update({ connection: 'offline', error: `Cannot reach the server (${code}).` });
    });
    s.on('staff:session', (session) => store.update({ session }));
    s.on('presence', ({ staff }) => store.update({ presence: staff }));
    s.on('inbox:upsert', (c) => {
      const prev = store.state.inbox[c.id];
      store.upsert(c);
      onUpsert?.(prev, c);
    });
    s.on('message', (m) => store.message(m));
    s.on('message:update', (m) => store.message(m));
    s.on('routing:corrected', (c) => store.corrected(c));
    s.on('typing', (e) => store.typing(e));
  }

  /** Send a request and resolve with its data, or reject with the server's error. */
  async request<E extends StaffEvent>(
    event: E,
    payload: PayloadOf<StaffClientToServerEvents[E]>,
  ): Promise<StaffAck<E>> {
    // socket.io's emit overloads cannot take a union of event names; the signature above carries the types.
    const res = (await (this.socket as Socket).timeout(10_000).emitWithAck(event, payload)) as Ack<StaffAck<E>>;
    if (!res.ok) throw new RequestError(res.error.code, res.error.message);
    return res;
  }

  /** Reload the inbox (and the open conversation) after (re)connecting. */
  async refresh(): Promise<void> {
    const { conversations } = await this.request('inbox:list', {});
    this.store.update({ inbox: Object.fromEntries(conversations.map((c) => [c.id, c])) });
    if (this.store.state.selectedId) await this.open(this.store.state.selectedId);
  }

  /** Open a conversation: its messages, notes and corrections, and live updates from now on. */
  async open(conversationId: string): Promise<void> {
    this.store.update({
      selectedId: conversationId,
      messages: [],
      corrections: {},
      typing: { customer: false, staff: [] },
    });
    const r = await this.request('conversation:open', { conversationId });
    if (this.store.state.selectedId !== conversationId) return;
    this.store.upsert(r.conversation);
    this.store.update({ messages: r.messages, corrections: r.corrections ?? {} });
  }

  close(): void {
    this.socket.disconnect();
  }
}
