import {
  CHAT_EVENTS,
  DEFAULT_ATTRIBUTE_LIMITS,
  PROTOCOL_VERSION,
  normalizeText,
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
  type ChatAuth,
  type ErrorCode,
  type Parsed,
  type ProtocolLimits,
  type SessionInfo,
  type WireError,
} from 'switchboard-chat/protocol';
import type { ConversationService } from '../conversations/service.js';
import { conversationRoom } from '../conversations/broadcast.js';
import type { IdentityLinker } from '../security/identify.js';
import { loggableError } from '../security/redact.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError, toWireError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { handle } from './handler.js';
import type { ChatNamespace, ChatSocket } from './types.js';

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

const KNOWN = new Set<string>(CHAT_EVENTS);
/** What a handler answers: its event's ack data, or nothing to say for events without an ack (`typing`). */
type Reply<E extends keyof ClientToServerEvents> = [AckData<ClientToServerEvents[E]>] extends [never]
  ? object
  : AckData<ClientToServerEvents[E]>;
const isPowerOfTen = (n: number) => /^10*$/.test(String(n));

/** Build the `session` payload for a socket. */
function sessionInfo(socket: ChatSocket, c: ConversationRecord): SessionInfo {
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

/** Customers' realtime protocol on `/chat`: handshake, send (idempotent), history, typing, feedback. */
export function attachChat(nsp: ChatNamespace, deps: ChatDeps): void {
  const { service, visitors, limits, logger } = deps;

  nsp.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as ChatAuth;
      if (auth.protocol !== undefined && auth.protocol !== PROTOCOL_VERSION) {
        return next(
          Object.assign(new Error('protocol_mismatch'), {
            data: wireError('protocol_mismatch', `Server speaks protocol ${PROTOCOL_VERSION}.`),
          }),
        );
      }
      let visitorId = await visitors.verify(auth.visitor);
      let token = typeof auth.visitor === 'string' ? auth.visitor : '';
      // A missing, forged or foreign-secret token starts a fresh visitor: it can never reach someone else's conversation.
      if (!visitorId) {
        if (auth.visitor) logger.warn({ ip: socket.handshake.address }, 'invalid visitor token; issuing a new one');
        ({ visitorId, token } = await visitors.issue());
      }
      // Handshake strings are customer input like messages: the same normaliser (a NUL byte must not reach the database).
      const page = typeof auth.page === 'string' ? normalizeText(auth.page.slice(0, 2000)) || undefined : undefined;
      const locale = typeof auth.locale === 'string' ? normalizeText(auth.locale.slice(0, 20)) || undefined : undefined;
      const user = await deps.identity?.handshakeUser(auth.user);
      const conversation = deps.identity
        ? await deps.identity.conversationFor(visitorId, user, { page, locale })
        : await service.forVisitor(visitorId, { page, locale }, { draft: true });
      socket.data = {
        visitorId,
        visitorToken: token,
        conversationId: conversation.id,
        ip: socket.handshake.address,
        auth,
        conversation,
        userId: user?.id,
        userVerified: !!user,
      };
      next();
    } catch (err) {
      // An expired or forged user token is the host site's to fix: say so instead of connecting anonymously.
      if (err instanceof AppError) return next(Object.assign(new Error(err.code), { data: err.toWire() }));
      logger.error({ err: loggableError(err) }, 'chat handshake failed');
      next(Object.assign(new Error('internal'), { data: wireError('internal') }));
    }
  });

  nsp.on('connection', (socket) => {
    const { conversationId } = socket.data;
    void socket.join(conversationRoom(conversationId));
    // Nothing reads the upgrade request after the handshake (its headers stay in socket.handshake); holding it costs
    // every idle connection its IncomingMessage (Socket.IO's documented memory tip).
    (socket.conn as { request?: unknown }).request = undefined;
    if (!socket.recovered) socket.emit('session', sessionInfo(socket, socket.data.conversation!));
    if (socket.data.conversation?.draft) socket.data.draft = socket.data.conversation;
    delete socket.data.conversation;
    // Events that write to the conversation store it first when it is still a draft.
    const stored = async () => {
      const c = await service.stored(await service.current(socket.data.conversationId, socket.data.draft));
      delete socket.data.draft;
      return c;
    };

    const guard = async (event: string) => {
      for (const g of deps.guards ?? []) await g(socket, event);
    };
    // The rate guard runs before validation: invalid payloads spend the visitor's budget like valid ones.
    // Typed by the event map: a handler's result is what the event's ack promises the widget.
    const handleEvent = <E extends keyof ClientToServerEvents, P>(
      event: E,
      parse: (p: unknown) => Parsed<P>,
      run: (p: P) => Promise<Reply<E>>,
    ) =>
      handle(
        logger,
        event,
        parse,
        run,
        (e) => deps.onError?.(e.code),
        () => guard(event),
      );

    let unknownEvents = 0;
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN.has(event)) return;
      const ack = args[args.length - 1];
      const answer = (error: WireError) => {
        deps.onError?.(error.code);
        if (typeof ack === 'function') ack({ ok: false, error });
        else socket.emit('server:error', error);
      };
      // Unknown events spend the event budget too; the warning is sampled (1st, 10th, 100th …) so a flood cannot flood the log.
      guard('unknown').then(
        () => {
          unknownEvents++;
          if (isPowerOfTen(unknownEvents))
            logger.warn(
              { event: String(event).slice(0, 50), count: unknownEvents, visitor: socket.data.visitorId },
              'unknown chat event',
            );
          answer(wireError('unknown_event', `Unknown event "${String(event).slice(0, 50)}".`));
        },
        (err: unknown) => answer(toWireError(err)),
      );
    });

    socket.on(
      'message:send',
      handleEvent(
        'message:send',
        (p) => parseSend(p, limits),
        async ({ clientId, text }) => {
          const received = await service.receiveCustomerMessage(
            await stored(),
            { clientId, text },
            { exceptSocket: socket.id },
          );
          return { message: received.message, ...(received.duplicate ? { duplicate: true } : {}) };
        },
      ),
    );

    socket.on(
      'history',
      handleEvent('history', parseHistory, async ({ afterSeq, limit }) => {
        const conversation = await service.current(socket.data.conversationId, socket.data.draft);
        return { messages: await service.history(conversation.id, afterSeq, limit), state: conversation.state };
      }),
    );

    socket.on(
      'typing',
      handleEvent('typing', parseTyping, async ({ typing }) => {
        socket
          .to(conversationRoom(socket.data.conversationId))
          .emit('typing', { conversationId: socket.data.conversationId, role: 'customer', typing });
        service.customerTyping(socket.data.conversationId, typing);
        return {};
      }),
    );

    socket.on(
      'feedback',
      handleEvent('feedback', parseFeedback, async ({ messageId, helpful }) => {
        const ok = await service.feedback(socket.data.conversationId, messageId, helpful);
        if (!ok) throw new AppError('not_found', 'No such AI message in this conversation.');
        deps.voted?.();
        return {};
      }),
    );

    socket.on(
      'contact',
      handleEvent('contact', parseContact, async ({ email }) => {
        await service.setContact((await stored()).id, email);
        return {};
      }),
    );

    // Identity and CSAT belong to the security and handoff layers; until they register richer handlers these validate and store the basics.
    socket.on(
      'identify',
      handleEvent('identify', parseIdentify, async (payload) => {
        if (!deps.identity) throw new AppError('identity_required', 'Identification is not configured on this server.');
        const current = await stored();
        const { conversation, userId, verified } = await deps.identity.identify(
          socket.data.visitorId,
          current,
          payload,
        );
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
    );
    const attributeLimits = deps.attributeLimits ?? DEFAULT_ATTRIBUTE_LIMITS;
    socket.on(
      'attributes',
      handleEvent(
        'attributes',
        (p) => parseSetAttributes(p, attributeLimits),
        async ({ attributes }) => {
          // Attributes the page sets are worth keeping: they store a first-time visitor's draft conversation.
          const updated = await service.setVisitorAttributes(
            (await stored()).id,
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
    );
    socket.on(
      'csat',
      handleEvent('csat', parseCsat, async ({ rating, comment }) => {
        if (!deps.rate) throw new AppError('not_found', 'Ratings are not enabled on this server.');
        await deps.rate(socket.data.conversationId, rating, comment);
        return {};
      }),
    );
  });
}
