import { PROTOCOL_VERSION, normalizeText, wireError, type ChatAuth } from 'switchboard-chat/protocol';
import { conversationRoom } from '../conversations/broadcast.js';
import { loggableError } from '../security/redact.js';
import { AppError } from '../util/errors.js';
import { chatListeners, sessionInfo, type ChatDeps } from './chat-events.js';
import type { ChatNamespace } from './types.js';

export type { ChatDeps } from './chat-events.js';

/** Customers' realtime protocol on `/chat`: handshake, send (idempotent), history, typing, feedback. */
export function attachChat(nsp: ChatNamespace, deps: ChatDeps): void {
  const { service, visitors, logger } = deps;
  const { listeners, onUnknown } = chatListeners(deps);

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
    socket.onAny(onUnknown);
    for (const [event, listener] of listeners) socket.on(event, listener);
  });
}
