import type { ChatSocket, SocketFactory } from '../core/connection.js';
import type { Message } from '../protocol/messages.js';

type Handler = (...args: any[]) => void;

/**
 * An in-memory stand-in for the `/chat` namespace: it stores messages idempotently per clientId with gap-free seq,
 * answers `history`, and lets a test cut the link, lose acks or restore the connection. For unit tests only.
 */
export class FakeChatServer {
  readonly messages: Message[] = [];
  /** Every `message:send` that reached the server, duplicates included. */
  readonly received: Array<{ clientId: string; text: string }> = [];
  readonly emitted: Array<[string, unknown]> = [];
  sockets: FakeSocket[] = [];
  /** How many `message:send` acks to lose: the server stores the message but the reply never arrives. */
  loseAcks = 0;
  reply?: (text: string) => string | undefined;
  visitor = 'v-token-1';

  /** A socket factory to pass as `connect` to the controller. */
  readonly factory: SocketFactory = (_url, options) => {
    let auth: { visitor?: string } = {};
    (options.auth as (cb: (a: object) => void) => void)((a) => (auth = a));
    // No visitor token (first visit or after logout): a new visitor with a new, empty conversation.
    if (!auth.visitor) {
      this.visitor = `v-token-${this.sockets.length + 1}`;
      this.messages.length = 0;
    }
    const s = new FakeSocket(this);
    this.sockets.push(s);
    queueMicrotask(() => s.open());
    return s as unknown as ChatSocket;
  };

  get socket(): FakeSocket {
    return this.sockets[this.sockets.length - 1];
  }

  append(role: Message['role'], text: string, extra: Partial<Message> = {}): Message {
    const m: Message = {
      id: `m${this.messages.length + 1}`,
      seq: this.messages.length + 1,
      conversationId: 'c1',
      role,
      text,
      createdAt: new Date(0).toISOString(),
      ...extra,
    };
    this.messages.push(m);
    return m;
  }

  /** Server-side handling of one client event; returns the ack payload. */
  handle(event: string, payload: any): unknown {
    this.emitted.push([event, payload]);
    if (event === 'message:send') {
      this.received.push(payload);
      const dup = this.messages.find((m) => m.clientId === payload.clientId);
      if (dup) return { ok: true, message: dup, duplicate: true };
      const message = this.append('customer', payload.text, { clientId: payload.clientId });
      const answer = this.reply?.(payload.text);
      if (answer) queueMicrotask(() => this.socket.deliver('message', this.append('ai', answer)));
      return { ok: true, message };
    }
    if (event === 'history')
      return { ok: true, messages: this.messages.filter((m) => m.seq > payload.afterSeq).slice(0, 2), state: 'ai' };
    return { ok: true };
  }
}

/** The client half of the fake: the subset of socket.io-client's Socket the controller uses. */
export class FakeSocket {
  connected = false;
  private readonly handlers = new Map<string, Handler[]>();
  constructor(private readonly server: FakeChatServer) {}

  on(event: string, fn: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }

  /** Fire a server → client event. */
  deliver(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }

  open(): void {
    if (this.connected) return;
    this.connected = true;
    this.deliver('connect');
    this.deliver('session', {
      visitor: this.server.visitor,
      conversationId: 'c1',
      state: 'ai',
      lastSeq: this.server.messages.length,
      protocol: 1,
    });
  }

  /** Cut the link (the client will see `disconnect`). */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.deliver('disconnect', 'transport close');
  }

  disconnect(): this {
    this.drop();
    return this;
  }

  connect(): this {
    queueMicrotask(() => this.open());
    return this;
  }

  /** The engine under the socket, as socket.io-client exposes it (`socket.io.engine`). */
  readonly io = { engine: { close: () => this.drop() } };

  emit(event: string, payload: unknown): this {
    if (this.connected) this.server.handle(event, payload);
    return this;
  }

  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        if (!this.connected) throw new Error('operation has timed out');
        const res = this.server.handle(event, payload);
        if (this.server.loseAcks > 0 && event === 'message:send') {
          this.server.loseAcks--;
          throw new Error('operation has timed out');
        }
        return res;
      },
    };
  }
}
