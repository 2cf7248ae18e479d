import type { AttributeValue } from '../protocol/attributes.js';
import type { Ack, ClientToServerEvents } from '../protocol/events.js';
import { wireError } from '../protocol/errors.js';
import type { ChatSocket } from './connection.js';
import { fetchAttachment } from './attachments.js';
import { ChatSession } from './session.js';
import { requestTranscript } from './transcript.js';
import type { UserInfo } from './types.js';

export type { ControllerDeps } from './session.js';

/** Socket events that the customer's actions send and whose ack only matters when it is an error. */
type Requestable = 'feedback' | 'csat' | 'contact' | 'identify' | 'attributes';

/**
 * The framework-free heart of the widget: connection, outbox, resync and state (`ChatSession`) and the customer's
 * actions. The UI only renders `state` and calls these methods, so the same logic serves the custom element, the
 * script tag and the SDK.
 */
export class ChatController extends ChatSession {
  private identifiedOn?: ChatSocket;
  /** Unsigned attributes set so far; sent again on every new connection (the server merges, so repeats are harmless). */
  private attributes?: Record<string, AttributeValue | null>;

  /** Details without a signed token (name, e-mail) travel by `identify` once per connection; attributes on each. */
  protected override sessionStarted(socket: ChatSocket): void {
    const user = this.options.user;
    if (user && (user.id || user.name || user.email) && this.identifiedOn !== socket) {
      this.identifiedOn = socket;
      void this.request('identify', user);
    }
    if (this.attributes) void this.request('attributes', { attributes: this.attributes });
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
    await requestTranscript(this.options.server, this.conversationId, this.visitor, email);
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

  private async request<E extends Requestable>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) return this.reportError(wireError('unavailable', 'Not connected.'));
    try {
      // One call for several events: socket.io's overloads cannot take a union of event names, so the map is narrowed here.
      const timed = socket.timeout(this.ackTimeout) as unknown as {
        emitWithAck(e: E, p: Parameters<ClientToServerEvents[E]>[0]): Promise<Ack<object>>;
      };
      const res = await timed.emitWithAck(event, payload);
      if (!res.ok) this.emit('error', res.error);
    } catch (err) {
      this.reportError(err);
    }
  }
}
