import { io, type Socket } from 'socket.io-client';
import type { ConversationState, Message, SessionInfo } from '../../widget/src/protocol/index.js';

/** One reply latency sample; `repeat` is true when the same question text was already sent by any customer (cache-warm). */
export interface Sample {
  ms: number;
  repeat: boolean;
}

/** What one customer's final history check found. */
export interface Verdict {
  acked: number;
  /** Acknowledged client ids missing from the server's history (-1 when the history could not be fetched). */
  lost: number;
  /** Client ids stored more than once, message ids or seqs repeated, or more than one AI reply to one message. */
  duplicated: number;
  /** Never acknowledged, even after the final resend. */
  pending: number;
  /** Messages received live that the final history does not contain. */
  phantom: number;
  /** Acknowledged messages the AI owed an answer (sent while the AI handled the conversation) without one in the history. */
  unanswered: number;
  /** Acknowledged messages sent while a person handled (or was about to handle) the conversation: no AI answer is due. */
  to_person: number;
  state?: ConversationState;
}

interface Outgoing {
  text: string;
  at: number;
  acked: boolean;
  repeat: boolean;
  messageId?: string;
}

const ACK_TIMEOUT_MS = 10_000;

/** One simulated customer: an outbox with client ids, resends after reconnects, history resync, reply latency. */
export class Customer {
  private socket?: Socket;
  private visitor?: string;
  private lastSeq = 0;
  private readonly sent = new Map<string, Outgoing>();
  private readonly byMessageId = new Map<string, string>();
  private readonly early = new Map<string, number>();
  private readonly seen = new Set<string>();
  private counter = 0;
  readonly samples: Sample[] = [];
  readonly errors = new Map<string, number>();
  reconnects = 0;

  constructor(
    private readonly url: string,
    private readonly id: number,
  ) {}

  /** Connect (websocket only) and resolve on the first `session`, or after 15 s. */
  connect(): Promise<void> {
    const socket = io(`${this.url}/chat`, {
      transports: ['websocket'],
      auth: (cb) => cb({ visitor: this.visitor, protocol: 1 }),
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('session', (s: SessionInfo) => (this.visitor = s.visitor));
    socket.on('message', (m: Message) => this.receive(m));
    socket.on('connect', () => void this.resync());
    socket.io.on('reconnect', () => this.reconnects++);
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) =>
      this.count(err.data?.code ?? 'connect_error'),
    );
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 15_000);
      socket.once('session', () => (clearTimeout(timer), resolve()));
    });
  }

  get connected(): boolean {
    return !!this.socket?.connected;
  }

  private count(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  private receive(m: Message): void {
    if (m.seq > this.lastSeq) this.lastSeq = m.seq;
    if (this.seen.has(m.id)) return;
    this.seen.add(m.id);
    const replyTo = m.meta?.replyTo as string | undefined;
    if (m.role !== 'ai' || !replyTo) return;
    const clientId = this.byMessageId.get(replyTo);
    const s = clientId ? this.sent.get(clientId) : undefined;
    if (s) this.samples.push({ ms: performance.now() - s.at, repeat: s.repeat });
    // The reply can overtake the ack; match it when the ack arrives.
    else this.early.set(replyTo, performance.now());
  }

  /** After every (re)connect: fetch what was missed, then resend everything not yet acknowledged (same client ids). */
  private async resync(): Promise<void> {
    try {
      const res = await this.socket!.timeout(ACK_TIMEOUT_MS).emitWithAck('history', { afterSeq: this.lastSeq });
      if (res.ok) for (const m of res.messages as Message[]) this.receive(m);
    } catch {
      /* the next reconnect tries again */
    }
    for (const [clientId, s] of this.sent) if (!s.acked) void this.deliver(clientId, s.text);
  }

  /** Send a new message (kept in the outbox until acknowledged). */
  send(text: string, repeat: boolean): void {
    const clientId = `b${this.id}-${this.counter++}`;
    this.sent.set(clientId, { text, at: performance.now(), acked: false, repeat });
    void this.deliver(clientId, text);
  }

  private async deliver(clientId: string, text: string): Promise<void> {
    if (!this.socket?.connected) return;
    try {
      const res = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { clientId, text });
      const s = this.sent.get(clientId);
      if (!s || s.acked) return;
      if (res.ok) {
        s.acked = true;
        s.messageId = res.message.id;
        this.byMessageId.set(res.message.id, clientId);
        const early = this.early.get(res.message.id);
        if (early !== undefined) this.samples.push({ ms: early - s.at, repeat: s.repeat });
      } else {
        this.count(res.error.code);
        // Refused for good (validation): drop it; rate limits stay in the outbox for the next resend.
        if (res.error.code !== 'rate_limited') this.sent.delete(clientId);
      }
    } catch {
      this.count('ack_timeout');
    }
  }

  /** Drop the transport now; socket.io-client reconnects by itself (chaos). */
  blip(): void {
    this.socket?.io.engine?.close();
  }

  /**
   * After the traffic: wait (bounded) until connected again, then resend what is still unacknowledged, so the answers
   * to those resends can arrive before the final check instead of counting as unanswered.
   */
  async settle(maxMs = 30_000): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    if (!socket.connected)
      await new Promise<void>((resolve) => (socket.once('connect', () => resolve()), setTimeout(resolve, maxMs)));
    for (const [clientId, s] of this.sent) if (!s.acked) await this.deliver(clientId, s.text);
  }

  /** Resend what is pending, then compare the server's whole history with what this customer sent and received. */
  async verify(): Promise<Verdict> {
    for (const [clientId, s] of this.sent) if (!s.acked) await this.deliver(clientId, s.text);
    const acked = [...this.sent.values()].filter((s) => s.acked).length;
    // A busy or restarted server may need a while: three tries, each waiting for the connection first (bounded).
    for (let attempt = 0; attempt < 3; attempt++) {
      const read = await this.readHistory();
      if (read) return { ...compare(this.sent, this.seen, read.history), state: read.state };
    }
    return { acked, lost: -1, duplicated: 0, pending: 0, phantom: 0, unanswered: 0, to_person: 0 };
  }

  /** The whole server history, page by page (the server caps one page), or undefined when it cannot be read now. */
  private async readHistory(): Promise<{ history: Message[]; state: ConversationState } | undefined> {
    const socket = this.socket!;
    if (!socket.connected)
      await new Promise<void>((resolve) => (socket.once('connect', () => resolve()), setTimeout(resolve, 20_000)));
    const history: Message[] = [];
    try {
      for (let page = 0; page < 50; page++) {
        const res = await socket
          .timeout(20_000)
          .emitWithAck('history', { afterSeq: history.at(-1)?.seq ?? 0, limit: 500 });
        if (!res.ok) return undefined;
        history.push(...res.messages);
        if (res.messages.length === 0) return { history, state: res.state };
      }
    } catch {
      return undefined;
    }
    return undefined;
  }

  close(): void {
    this.socket?.disconnect();
  }
}

const repeated = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((n) => n > 1).length;
};

/** Compare an outbox and the ids received live with the server's full history. */
export function compare(sent: Map<string, Outgoing>, seen: Set<string>, history: Message[]): Omit<Verdict, 'state'> {
  const customer = history.filter((m) => m.role === 'customer' && m.clientId);
  const stored = new Set(customer.map((m) => m.clientId!));
  const replied = new Set(history.filter((m) => m.role === 'ai').map((m) => m.meta?.replyTo as string | undefined));
  let acked = 0;
  let lost = 0;
  let pending = 0;
  let unanswered = 0;
  let toPerson = 0;
  // Whether the AI still owed each message an answer: hand-overs leave system notices carrying the new state, and a
  // message followed by a hand-over before its answer is a person's to answer (the AI does not answer over them).
  const owed = new Set<string>();
  let state = 'ai';
  for (const m of history) {
    if (m.role === 'system' && typeof m.meta?.state === 'string') {
      state = m.meta.state;
      if (state !== 'ai') owed.clear();
    }
    if (m.role === 'customer' && state === 'ai') owed.add(m.id);
  }
  for (const [clientId, s] of sent) {
    if (!s.acked) pending++;
    else {
      acked++;
      if (!stored.has(clientId)) lost++;
      else if (s.messageId && !replied.has(s.messageId)) {
        if (owed.has(s.messageId)) unanswered++;
        else toPerson++;
      }
    }
  }
  const duplicated =
    repeated(customer.map((m) => m.clientId!)) +
    repeated(history.map((m) => m.id)) +
    repeated(history.map((m) => String(m.seq))) +
    repeated(history.filter((m) => m.role === 'ai' && m.meta?.replyTo).map((m) => m.meta!.replyTo as string));
  const ids = new Set(history.map((m) => m.id));
  const phantom = [...seen].filter((id) => !ids.has(id)).length;
  return { acked, lost, duplicated, pending, phantom, unanswered, to_person: toPerson };
}
