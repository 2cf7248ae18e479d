import { Hono } from 'hono';
import {
  clientIdSchema,
  DEFAULT_LIMITS,
  parseHistory,
  parseText,
  type ProtocolLimits,
} from 'switchboard-chat/protocol';
import { z } from 'zod';
import type { ConversationService } from '../conversations/service.js';
import { visitorTokenOf } from './guards.js';
import { owns } from '../security/ownership.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError } from '../util/errors.js';
import { jsonBody } from './errors.js';

export interface ChatRouteDeps {
  service: ConversationService;
  visitors: VisitorTokens;
  limits: ProtocolLimits;
  /** The conversation an anonymous visitor may use (the socket's rule: never one a verified user owns). */
  conversationFor?: (visitorId: string) => Promise<ConversationRecord>;
}

/** Body of `POST /api/chat`. */
export const chatBody = z.object({
  message: z.unknown(),
  conversationId: z.string().max(100).optional(),
  visitor: z.string().max(2048).optional(),
  clientId: clientIdSchema(DEFAULT_LIMITS).optional(),
});

/** REST parity with the socket protocol: `POST /chat` and `GET /conversations/:id/messages`. */
export function chatRoutes(deps: ChatRouteDeps): Hono {
  const app = new Hono();

  app.post('/chat', async (c) => {
    const parsed = chatBody.safeParse(await jsonBody(c));
    if (!parsed.success)
      throw new AppError(
        'invalid_payload',
        `${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message}`,
      );
    const text = parseText(parsed.data.message, deps.limits, 'message');
    if (!text.ok) throw new AppError(text.error.code, text.error.message, { field: 'message' });
    const presented = visitorTokenOf(c, parsed.data);
    let visitorId = presented ? await deps.visitors.verify(presented) : undefined;
    if (presented && !visitorId) throw new AppError('token_invalid', 'The visitor token is invalid.');
    let token = presented;
    if (!visitorId) ({ visitorId, token } = await deps.visitors.issue());
    const conversation = deps.conversationFor
      ? await deps.conversationFor(visitorId)
      : await deps.service.forVisitor(visitorId);
    if (parsed.data.conversationId && parsed.data.conversationId !== conversation.id)
      throw new AppError('forbidden', 'This conversation belongs to someone else.');
    const received = await deps.service.receiveCustomerMessage(conversation, {
      text: text.value,
      clientId: parsed.data.clientId,
    });
    const reply = await received.reply;
    return c.json({
      conversationId: conversation.id,
      visitor: token,
      message: received.message,
      reply: reply ?? null,
      agent: reply?.agent ?? null,
      confidence: reply?.confidence ?? null,
      sources: reply?.sources ?? [],
      state: (await deps.service.require(conversation.id)).state,
    });
  });

  app.get('/conversations/:id/messages', async (c) => {
    const presented = visitorTokenOf(c);
    const visitorId = presented ? await deps.visitors.verify(presented) : undefined;
    if (!visitorId)
      throw new AppError('unauthorized', 'A valid visitor token is required (Authorization: Bearer <visitor>).');
    const conversation = await deps.service.store.get(c.req.param('id'));
    // Same answer for "missing" and "not yours", so ids cannot be probed.
    if (!conversation || !owns(conversation, { visitorId })) throw new AppError('not_found', 'No such conversation.');
    const q = parseHistory({
      afterSeq: Number(c.req.query('afterSeq') ?? 0),
      ...(c.req.query('limit') ? { limit: Number(c.req.query('limit')) } : {}),
    });
    if (!q.ok) throw new AppError('invalid_payload', q.error.message);
    return c.json({
      conversationId: conversation.id,
      state: conversation.state,
      messages: await deps.service.history(conversation.id, q.value.afterSeq, q.value.limit),
    });
  });

  return app;
}
