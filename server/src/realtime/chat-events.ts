import {
  CHAT_EVENTS,
  DEFAULT_ATTRIBUTE_LIMITS,
  PROTOCOL_VERSION,
  parseContact,
  parseCsat,
  parseFeedback,
  parseHistory,
  parseIdentify,
  parseSend,
  parseSetAttributes,
  parseTyping,
  wireError,
  type AckData,
  type AttributeLimits,
  type ClientToServerEvents,
  type ErrorCode,
  type Parsed,
  type ProtocolLimits,
  type SessionInfo,
  type WireError,
} from 'switchboard-chat/protocol';
import type { ConversationService } from '../conversations/service.js';
import { conversationRoom } from '../conversations/broadcast.js';
import type { IdentityLinker } from '../security/identify.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError, toWireError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { handle, type SocketListener } from './handler.js';
import type { ChatSocket } from './types.js';

export interface ChatDeps {
  service: ConversationService;
  visitors: VisitorTokens;
  limits: ProtocolLimits;
  logger: Logger;
  /** Extra checks run before every customer event (rate limits); throw an AppError to refuse. */
  guards?: Array<(socket: ChatSocket, event: string) => Promise<void>>;
  /** Called with the code of every refused event (metrics). */
  onError?: (code: ErrorCode) => void;
  /** Stores a customer's rating of a closed conversation (handoff layer); without it `csat` is refused. */
  rate?: (conversationId: string, rating: number, comment?: string) => Promise<void>;
  /** A "Was this helpful?" vote was stored: the answer confidence's calibration refits (scale/vote-sync.ts). */
  voted?: () => void;
  /** Verifies user tokens (handshake `auth.user` and `identify`) and links conversations to users. */
  identity?: IdentityLinker;
  /** Limits on custom attributes (`maxAttributes`, `maxAttributeLength`). */
  attributeLimits?: AttributeLimits;
}

type ChatEvent = (typeof CHAT_EVENTS)[number];
const KNOWN = new Set<string>(CHAT_EVENTS);
const isPowerOfTen = (n: number) => /^10*$/.test(String(n));
/** What a handler answers: its event's ack data, or nothing to say for events without an ack (`typing`). */
type Reply<E extends keyof ClientToServerEvents> = [AckData<ClientToServerEvents[E]>] extends [never]
  ? object
  : AckData<ClientToServerEvents[E]>;

/** Build the `session` payload for a socket. */
export function sessionInfo(socket: ChatSocket, c: ConversationRecord): SessionInfo {
  return {
    visitor: socket.data.visitorToken,
    conversationId: c.id,
    state: c.state,
    lastSeq: c.lastSeq,
    protocol: PROTOCOL_VERSION,
    ...(c.userId
      ? { user: { id: c.userId, name: c.userName, email: c.userEmail, verified: !!socket.data.userVerified } }
      : {}),
  };
}

/**
 * The customer events' listeners, built once per namespace and shared by every socket (each gets them with `this`
 * bound to it by the event emitter): an idle connection then holds no closures of its own, only references to these.
 * `onUnknown` is the `onAny` listener answering events outside the protocol.
 */
export function chatListeners(deps: ChatDeps): {
  listeners: Array<[event: ChatEvent, listener: SocketListener<ChatSocket>]>;
  onUnknown: (this: ChatSocket, event: string, ...args: unknown[]) => void;
} {
  const { service, limits, logger } = deps;
  const attributeLimits = deps.attributeLimits ?? DEFAULT_ATTRIBUTE_LIMITS;
  const onError = (e: WireError) => deps.onError?.(e.code);
  const guard = async (socket: ChatSocket, event: string) => {
    for (const g of deps.guards ?? []) await g(socket, event);
  };
  // Events that write to the conversation store it first when it is still a draft.
  const stored = async (socket: ChatSocket) => {
    const c = await service.stored(await service.current(socket.data.conversationId, socket.data.draft));
    delete socket.data.draft;
    return c;
  };
  // The rate guard runs before validation: invalid payloads spend the visitor's budget like valid ones.
  // Typed by the event map: a handler's result is what the event's ack promises the widget.
  const on = <E extends ChatEvent & keyof ClientToServerEvents, P>(
    event: E,
    parse: (p: unknown) => Parsed<P>,
    run: (p: P, socket: ChatSocket) => Promise<Reply<E>>,
  ): [ChatEvent, SocketListener<ChatSocket>] => [
    event,
    handle(logger, event, parse, run, onError, (socket) => guard(socket, event)),
  ];

  const listeners = [
    on(
      'message:send',
      (p) => parseSend(p, limits),
      async ({ clientId, text }, socket) => {
        const received = await service.receiveCustomerMessage(
          await stored(socket),
          { clientId, text },
          { exceptSocket: socket.id },
        );
        return { message: received.message, ...(received.duplicate ? { duplicate: true } : {}) };
      },
    ),
    on('history', parseHistory, async ({ afterSeq, limit }, socket) => {
      const conversation = await service.current(socket.data.conversationId, socket.data.draft);
      return { messages: await service.history(conversation.id, afterSeq, limit), state: conversation.state };
    }),
    on('typing', parseTyping, async ({ typing }, socket) => {
      const { conversationId } = socket.data;
      socket.to(conversationRoom(conversationId)).emit('typing', { conversationId, role: 'customer', typing });
      service.customerTyping(conversationId, typing);
      return {};
    }),
    on('feedback', parseFeedback, async ({ messageId, helpful }, socket) => {
      const ok = await service.feedback(socket.data.conversationId, messageId, helpful);
      if (!ok) throw new AppError('not_found', 'No such AI message in this conversation.');
      deps.voted?.();
      return {};
    }),
    on('contact', parseContact, async ({ email }, socket) => {
      await service.setContact((await stored(socket)).id, email);
      return {};
    }),
    // Identity and CSAT belong to the security and handoff layers; until they register richer handlers these validate and store the basics.
    on('identify', parseIdentify, async (payload, socket) => {
      if (!deps.identity) throw new AppError('identity_required', 'Identification is not configured on this server.');
      const current = await stored(socket);
      const { conversation, userId, verified } = await deps.identity.identify(socket.data.visitorId, current, payload);
      if (conversation.id !== current.id) {
        // Linked to the user's conversation from another device: follow it.
        void socket.leave(conversationRoom(current.id));
        void socket.join(conversationRoom(conversation.id));
        socket.data.conversationId = conversation.id;
      }
      socket.data.userId = userId;
      socket.data.userVerified = verified;
      const session = sessionInfo(socket, conversation);
      socket.emit('session', session);
      return { session };
    }),
    on(
      'attributes',
      (p) => parseSetAttributes(p, attributeLimits),
      async ({ attributes }, socket) => {
        // Attributes the page sets are worth keeping: they store a first-time visitor's draft conversation.
        const updated = await service.setVisitorAttributes(
          (await stored(socket)).id,
          attributes,
          attributeLimits.maxAttributes,
        );
        if (updated === 'too_many')
          throw new AppError(
            'invalid_payload',
            `attributes: at most ${attributeLimits.maxAttributes} unsigned attributes per conversation`,
            { field: 'attributes' },
          );
        if (!updated) throw new AppError('not_found', 'No such conversation.');
        return {};
      },
    ),
    on('csat', parseCsat, async ({ rating, comment }, socket) => {
      if (!deps.rate) throw new AppError('not_found', 'Ratings are not enabled on this server.');
      await deps.rate(socket.data.conversationId, rating, comment);
      return {};
    }),
  ];

  function onUnknown(this: ChatSocket, event: string, ...args: unknown[]): void {
    if (KNOWN.has(event)) return;
    const socket = this;
    const ack = args[args.length - 1];
    const answer = (error: WireError) => {
      deps.onError?.(error.code);
      if (typeof ack === 'function') ack({ ok: false, error });
      else socket.emit('server:error', error);
    };
    // Unknown events spend the event budget too; the warning is sampled (1st, 10th, 100th …) so a flood cannot flood the log.
    guard(socket, 'unknown').then(
      () => {
        const count = (socket.data.unknownEvents = (socket.data.unknownEvents ?? 0) + 1);
        if (isPowerOfTen(count))
          logger.warn(
            { event: String(event).slice(0, 50), count, visitor: socket.data.visitorId },
            'unknown chat event',
          );
        answer(wireError('unknown_event', `Unknown event "${String(event).slice(0, 50)}".`));
      },
      (err: unknown) => answer(toWireError(err)),
    );
  }
  return { listeners, onUnknown };
}
