import { wireError } from '../protocol/errors.js';
import type { AttributeValue } from '../protocol/attributes.js';
import type { Ack, SessionInfo, StateEvent } from '../protocol/events.js';
import type { Message } from '../protocol/messages.js';
import { PROTOCOL_VERSION } from '../protocol/version.js';
import { openChatSocket, type ChatSocket, type SocketFactory } from './connection.js';
import { fetchAttachment, uploadFile } from './attachments.js';
import { Delivery } from './delivery.js';
import { Emitter } from './emitter.js';
import { resolveLocale } from './i18n/index.js';
import { createStorage, type KeyValue } from './storage.js';
import { Timeline } from './timeline.js';
import { ReadTracker } from './unread.js';
import type { ChatEvents, ChatOptions, ChatState, UserInfo } from './types.js';

/** Injected collaborators; the defaults are the browser's storage and socket.io-client. */
export interface ControllerDeps {
  storage?: KeyValue;
  connect?: SocketFactory;
  /** How long to wait for an ack before treating the message as unsent (default 10 s). */
  ackTimeoutMs?: number;
  /** Delay before retrying a message whose ack never came (default 3 s). */
  retryMs?: number;
}

type Requestable = 'feedback' | 'csat' | 'contact' | 'identify' | 'attributes';

/**
 * The framework-free heart of the widget: connection, outbox, resync and state. The UI only renders `state`
 * and calls these methods, so the same logic serves the custom element, the script tag and the SDK.
 */
export class ChatController {
  readonly events = new Emitter<ChatEvents>();
  private socket?: ChatSocket;
  private readonly delivery: Delivery;
  private readonly timeline = new Timeline();
  private readonly storage: KeyValue;
  private readonly ackTimeout: number;
  private interacted = false;
  private visitor: string | null;
  private readonly read: ReadTracker;
  private conversationId?: string;
  private identifiedOn?: ChatSocket;
  /** Unsigned attributes set so far; sent again on every new connection (the server merges, so repeats are harmless). */
  private attributes?: Record<string, AttributeValue | null>;
  private destroyed = false;
  state: ChatState = {
    open: false,
    connection: 'idle',
    messages: [],
    pending: [],
    conversation: 'ai',
    typing: { ai: false },
    streams: {},
    unread: 0,
    feedback: {},
    csatRequested: false,
  };

  constructor(
    public options: ChatOptions,
    private readonly deps: ControllerDeps = {},
  ) {
    this.storage = deps.storage ?? createStorage();
    this.ackTimeout = deps.ackTimeoutMs ?? 10_000;
    this.delivery = new Delivery(
      {
        canSend: () => !!this.socket?.connected,
        transmit: (p) =>
          p.file
            ? uploadFile({
                server: this.options.server,
                conversationId: this.conversationId!,
                visitor: this.visitor!,
                identity: this.options.user?.token,
                file: p.file,
                clientId: p.clientId,
                onProgress: (f) => {
                  p.progress = f;
                  this.update({});
                },
              })
            : this.socket!.timeout(this.ackTimeout).emitWithAck('message:send', { clientId: p.clientId, text: p.text }),
        delivered: (m) => this.receive([m]),
        refused: (_p, error) => this.emit('error', error),
        changed: () => this.update({}),
      },
      { retryMs: deps.retryMs },
    );
    this.visitor = this.storage.get('visitor');
    this.interacted = !!this.visitor;
    this.read = new ReadTracker(this.storage, !!this.visitor);
    // A returning visitor reconnects at once so unread replies show on the launcher.
    if (this.visitor) this.connect();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisible);
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onOffline);
      window.addEventListener('online', this.onOnline);
    }
  }

  // A dead link is only noticed by Socket.IO after its ping timeout (tens of seconds): the browser knows sooner.
  private readonly onOffline = () => {
    if (this.socket?.connected) this.socket.io?.engine?.close();
  };

  /** Back online: reconnect now instead of waiting out the reconnection backoff. */
  private readonly onOnline = () => {
    const socket = this.socket;
    if (!socket || socket.connected) return;
    socket.disconnect();
    socket.connect();
  };

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.socket?.connected) void this.resync();
  };

  private update(patch: Partial<ChatState>): void {
    if (this.destroyed) return;
    this.state = {
      ...this.state,
      ...patch,
      messages: this.timeline.list(),
      pending: this.delivery.outbox.all().map((p) => ({ ...p })),
    };
    this.emit('change', this.state);
  }

  private emit<K extends keyof ChatEvents>(event: K, payload: ChatEvents[K]): void {
    this.events.emit(event, payload, this.reportError);
  }

  /** Errors inside the widget become `error` events; they never reach the host page. */
  readonly reportError = (err: unknown): void => {
    const e = err as { code?: string; message?: string };
    try {
      this.events.emit('error', { code: e?.code ?? 'client_error', message: e?.message ?? String(err) });
    } catch {
      /* an error listener that throws has nowhere left to report to */
    }
  };

  /** Wrap a socket handler so a bug in it is reported instead of thrown into the page. */
  private guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        fn(...args);
      } catch (err) {
        this.reportError(err);
      }
    };
  }

  private interact(): void {
    if (this.interacted) return;
    this.interacted = true;
    if (this.visitor) this.storage.set('visitor', this.visitor);
    this.markRead();
  }

  /** Open the socket (idempotent). */
  connect(): void {
    if (this.socket || this.destroyed) return;
    this.update({ connection: 'connecting' });
    const socket = openChatSocket(
      this.options.server,
      () => ({
        visitor: this.visitor ?? undefined,
        user: this.options.user?.token,
        protocol: PROTOCOL_VERSION,
        page: typeof location !== 'undefined' ? location.href : undefined,
        locale: resolveLocale(this.options.locale),
      }),
      this.deps.connect,
    );
    this.socket = socket;
    const on = <E extends string>(event: E, fn: (...args: never[]) => void) =>
      (socket.on as (e: string, f: unknown) => void)(event, this.guard(fn));
    on('connect', () => {
      this.update({ connection: 'online' });
      this.emit('connection', { status: 'online' });
      void this.resync().then(() => this.delivery.flush());
    });
    on('disconnect', () => {
      this.delivery.requeue();
      this.update({ connection: 'offline', typing: { ai: false }, streams: {} });
      this.emit('connection', { status: 'offline' });
    });
    on('connect_error', (err: Error & { data?: { code: string; message: string } }) => {
      this.update({ connection: 'offline' });
      if (err.data?.code) this.emit('error', err.data);
    });
    on('session', (s: SessionInfo) => this.onSession(socket, s));
    on('message', (m: Message) => this.receive([m]));
    on('message:delta', (d: { streamId: string; delta: string }) =>
      this.update({
        streams: { ...this.state.streams, [d.streamId]: (this.state.streams[d.streamId] ?? '') + d.delta },
      }),
    );
    on('typing', (t: { role: string; typing: boolean; name?: string }) => {
      if (t.role === 'ai') this.update({ typing: { ...this.state.typing, ai: t.typing } });
      if (t.role === 'human')
        this.update({ typing: { ...this.state.typing, human: t.typing ? (t.name ?? '') : undefined } });
    });
    on('state', (e: StateEvent) => this.onState(e));
    on('csat:request', () => this.update({ csatRequested: true }));
    on('server:error', (e: ChatEvents['error']) => this.emit('error', e));
  }

  private onSession(socket: ChatSocket, s: SessionInfo): void {
    const switched = !!this.conversationId && this.conversationId !== s.conversationId;
    if (switched) this.timeline.clear();
    this.conversationId = s.conversationId;
    this.visitor = s.visitor;
    if (this.interacted) this.storage.set('visitor', s.visitor);
    this.update({
      conversation: s.state,
      ...(s.humansAvailable !== undefined ? { humansAvailable: s.humansAvailable } : {}),
    });
    this.emit('ready', { conversationId: s.conversationId });
    if (switched) void this.resync();
    // Details without a signed token (name, e-mail) travel by `identify` once per connection.
    const user = this.options.user;
    if (user && (user.id || user.name || user.email) && this.identifiedOn !== socket) {
      this.identifiedOn = socket;
      void this.request('identify', user);
    }
    if (this.attributes) void this.request('attributes', { attributes: this.attributes });
  }

  private onState(e: StateEvent): void {
    const assignee = e.state === 'human' ? (e.assignee ?? this.state.assignee) : undefined;
    this.update({
      conversation: e.state,
      assignee,
      ...(e.humansAvailable !== undefined ? { humansAvailable: e.humansAvailable } : {}),
    });
    if (e.state === 'waiting_human' || e.state === 'human')
      this.emit('escalated', { state: e.state, assignee: e.assignee });
  }

  /** Fetch everything after the last seq we have (after reconnects and when the tab becomes visible). */
  async resync(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return;
    try {
      // The server caps a page; keep asking while pages come back full (bounded).
      for (let page = 0; page < 50; page++) {
        const before = this.timeline.lastSeq;
        const res: Ack<{ messages: Message[]; state: ChatState['conversation'] }> = await socket
          .timeout(this.ackTimeout)
          .emitWithAck('history', { afterSeq: before });
        if (!res.ok) return this.emit('error', res.error);
        this.receive(res.messages, true);
        this.update({
          conversation: res.state,
          assignee: res.state === 'human' ? (this.state.assignee ?? this.timeline.lastHumanAuthor()) : undefined,
        });
        if (res.messages.length === 0 || this.timeline.lastSeq === before) break;
      }
      if (!this.read.known) this.markRead(true);
    } catch {
      // Timed out: the next reconnect or visibility change tries again.
    }
  }

  private receive(messages: Message[], fromHistory = false): void {
    const fresh = messages.filter((m) => !this.timeline.has(m.id));
    if (!this.timeline.merge(messages)) return;
    const streams = { ...this.state.streams };
    for (const m of fresh) {
      const streamId = m.meta?.streamId as string | undefined;
      if (streamId) delete streams[streamId];
      if (m.clientId) this.delivery.outbox.ack(m.clientId);
      this.emit('message', m);
      if (m.role === 'ai' && m.routing && !fromHistory)
        this.emit('routed', {
          agent: m.routing.agent,
          confidence: m.routing.confidence,
          reason: m.routing.reason,
          messageId: m.id,
        });
    }
    this.update({ streams });
    if (this.state.open) this.markRead();
    else this.countUnread();
  }

  private countUnread(): void {
    const unread = this.read.count(this.timeline.list());
    if (unread === this.state.unread) return;
    this.update({ unread });
    this.emit('unread', { count: unread });
  }

  /** Everything shown so far counts as read; remembered only once the customer has interacted. */
  private markRead(silent = false): void {
    this.read.mark(this.timeline.lastSeq, this.interacted);
    if (!silent) this.countUnread();
  }

  /** Queue a message and send it as soon as the connection allows. */
  send(text: string): void {
    const trimmed = String(text ?? '').trim();
    if (!trimmed || this.destroyed) return;
    this.interact();
    this.connect();
    this.delivery.add(trimmed);
  }

  /** Send a file (button, paste or drop): uploaded through the outbox, so a failed upload is retried like a message. */
  attach(file: File): void {
    if (this.destroyed) return;
    this.interact();
    this.connect();
    this.delivery.add(file.name || 'file', file);
  }

  /** An attachment's bytes, fetched with the visitor's token. */
  attachment(id: string): Promise<Blob> {
    return fetchAttachment(this.options.server, this.visitor ?? '', id, this.options.user?.token);
  }

  /** Ask the server to e-mail this conversation's transcript; rejects with the server's error code. */
  async transcript(email?: string): Promise<void> {
    if (!this.conversationId || !this.visitor)
      throw Object.assign(new Error('The chat is not connected yet.'), { code: 'unavailable' });
    const res = await fetch(
      `${this.options.server.replace(/\/$/, '')}/api/conversations/${encodeURIComponent(this.conversationId)}/transcript`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${this.visitor}`, 'content-type': 'application/json' },
        body: JSON.stringify(email ? { email } : {}),
      },
    );
    if (!res.ok) {
      const { error } = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
      throw Object.assign(new Error(error?.message ?? `HTTP ${res.status}`), { code: error?.code ?? 'unavailable' });
    }
  }

  /** Try a failed message again. */
  retry(clientId: string): void {
    this.delivery.retry(clientId);
  }

  setOpen(open: boolean): void {
    if (this.state.open === open || this.destroyed) return;
    if (open) {
      this.interact();
      this.connect();
    }
    this.update({ open });
    if (open) this.markRead();
    this.emit(open ? 'open' : 'close', undefined);
  }

  typing(typing: boolean): void {
    if (this.socket?.connected) this.socket.emit('typing', { typing });
  }

  async feedback(messageId: string, helpful: boolean): Promise<void> {
    this.update({ feedback: { ...this.state.feedback, [messageId]: helpful } });
    await this.request('feedback', { messageId, helpful });
  }

  async rate(rating: number, comment?: string): Promise<void> {
    this.update({ csatRequested: false });
    await this.request('csat', { rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) });
  }

  async contact(email: string): Promise<void> {
    await this.request('contact', { email });
  }

  /** Identify the customer; a signed `token` links the conversation across devices. */
  async identify(user: UserInfo): Promise<void> {
    this.options = { ...this.options, user };
    // Not connected yet: the handshake carries the token and `onSession` sends the rest.
    if (!this.socket?.connected) return;
    this.identifiedOn = this.socket;
    await this.request('identify', user);
  }

  /** Attach unsigned custom attributes (plan, company…) to the conversation; `null` removes one. Staff see them marked as unverified. */
  async setAttributes(attributes: Record<string, AttributeValue | null>): Promise<void> {
    this.attributes = { ...this.attributes, ...attributes };
    if (this.socket?.connected) await this.request('attributes', { attributes });
  }

  /** Forget the visitor: a new anonymous conversation starts. Listeners stay. */
  logout(): void {
    this.storage.remove('visitor');
    this.read.reset();
    this.visitor = null;
    this.conversationId = undefined;
    this.identifiedOn = undefined;
    this.attributes = undefined;
    this.options = { ...this.options, user: undefined };
    this.timeline.clear();
    this.socket?.disconnect();
    this.socket = undefined;
    this.update({
      connection: 'idle',
      streams: {},
      unread: 0,
      feedback: {},
      assignee: undefined,
      conversation: 'ai',
      csatRequested: false,
    });
    if (this.state.open) this.connect();
  }

  private async request(event: Requestable, payload: unknown): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return this.reportError(wireError('unavailable', 'Not connected.'));
    try {
      const timed = socket.timeout(this.ackTimeout) as unknown as {
        emitWithAck(e: string, p: unknown): Promise<Ack<object>>;
      };
      const res = await timed.emitWithAck(event, payload);
      if (!res.ok) this.emit('error', res.error);
    } catch (err) {
      this.reportError(err);
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.delivery.dispose();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisible);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onOffline);
      window.removeEventListener('online', this.onOnline);
    }
    this.socket?.disconnect();
    this.socket = undefined;
    this.events.clear();
  }
}
