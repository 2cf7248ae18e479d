import type { SessionInfo, StateEvent } from '../protocol/events.js';
import type { Message } from '../protocol/messages.js';
import { PROTOCOL_VERSION } from '../protocol/version.js';
import { openChatSocket, type ChatSocket, type SocketFactory } from './connection.js';
import { uploadFile } from './attachments.js';
import { Delivery } from './delivery.js';
import { Emitter } from './emitter.js';
import { resolveLocale } from './i18n/index.js';
import { createStorage, type KeyValue } from './storage.js';
import { withDelta, withoutStream } from './streams.js';
import { Timeline } from './timeline.js';
import { ReadTracker } from './unread.js';
import { watchPage } from './page-signals.js';
import type { ChatEvents, ChatOptions, ChatState } from './types.js';

/** Injected collaborators; the defaults are the browser's storage and socket.io-client. */
export interface ControllerDeps {
  storage?: KeyValue;
  connect?: SocketFactory;
  /** How long to wait for an ack before treating the message as unsent (default 10 s). */
  ackTimeoutMs?: number;
  /** Delay before retrying a message whose ack never came (default 3 s). */
  retryMs?: number;
}

/**
 * The connection half of the widget's controller: socket, outbox, resync, timeline, unread count and state. The
 * customer's actions live in `ChatController` (controller.ts), which extends it.
 */
export class ChatSession {
  readonly events = new Emitter<ChatEvents>();
  protected socket?: ChatSocket;
  protected readonly delivery: Delivery;
  protected readonly timeline = new Timeline();
  protected readonly storage: KeyValue;
  protected readonly ackTimeout: number;
  protected interacted = false;
  protected visitor: string | null;
  protected readonly read: ReadTracker;
  protected conversationId?: string;
  protected destroyed = false;
  private readonly unwatchPage: () => void;
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
    this.unwatchPage = watchPage({
      visible: () => {
        if (this.socket?.connected) void this.resync();
      },
      // A dead link is only noticed by Socket.IO after its ping timeout (tens of seconds): the browser knows sooner.
      offline: () => {
        if (this.socket?.connected) this.socket.io?.engine?.close();
      },
      // Back online: reconnect now instead of waiting out the reconnection backoff.
      online: () => {
        const socket = this.socket;
        if (!socket || socket.connected) return;
        socket.disconnect();
        socket.connect();
      },
    });
  }

  protected update(patch: Partial<ChatState>): void {
    if (this.destroyed) return;
    this.state = {
      ...this.state,
      ...patch,
      messages: this.timeline.list(),
      pending: this.delivery.outbox.all().map((p) => ({ ...p })),
    };
    this.emit('change', this.state);
  }

  protected emit<K extends keyof ChatEvents>(event: K, payload: ChatEvents[K]): void {
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

  protected interact(): void {
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
    // Listeners typed by the protocol's event map (ServerToClientEvents), each guarded so a bug is reported, not thrown.
    const on: ChatSocket['on'] = (event, fn) => socket.on(event, this.guard(fn as (...a: unknown[]) => void) as never);
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
    on('session', (s) => this.onSession(socket, s));
    on('message', (m) => this.receive([m]));
    on('message:delta', (d) => this.update({ streams: withDelta(this.state.streams, d) }));
    on('message:stream-end', (d) => this.update({ streams: withoutStream(this.state.streams, d.streamId) }));
    on('typing', (t) => {
      if (t.role === 'ai') this.update({ typing: { ...this.state.typing, ai: t.typing } });
      if (t.role === 'human')
        this.update({ typing: { ...this.state.typing, human: t.typing ? (t.name ?? '') : undefined } });
    });
    on('state', (e) => this.onState(e));
    on('csat:request', () => this.update({ csatRequested: true }));
    on('server:error', (e) => this.emit('error', e));
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
    this.sessionStarted(socket);
  }

  /** A session began on `socket` (a first connection, a reconnect, another conversation): the subclass's hook. */
  protected sessionStarted(_socket: ChatSocket): void {}

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
        const res = await socket.timeout(this.ackTimeout).emitWithAck('history', { afterSeq: before });
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
    let streams = this.state.streams;
    for (const m of fresh) {
      const streamId = m.meta?.streamId as string | undefined;
      if (streamId) streams = withoutStream(streams, streamId);
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
  protected markRead(silent = false): void {
    this.read.mark(this.timeline.lastSeq, this.interacted);
    if (!silent) this.countUnread();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.delivery.dispose();
    this.unwatchPage();
    this.socket?.disconnect();
    this.socket = undefined;
    this.events.clear();
  }
}
