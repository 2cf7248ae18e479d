import { Hono } from 'hono';
import { z } from 'zod';
import { bearerToken } from '../security/staff-auth.js';
import { jsonBody } from '../util/json-body.js';
import type { ConversationService } from '../conversations/service.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import { AppError } from '../util/errors.js';
import type { EmailService } from './service.js';
import { mailLocale, unsubscribedPage } from './templates.js';

/** Body of `POST /api/conversations/:id/transcript`. */
export const transcriptBody = z.object({ email: z.string().email().max(320).optional() });

/** `POST /conversations/:id/transcript` (the conversation's visitor) and `GET /email/unsubscribe?t=` (the link in every e-mail). */
export function emailRoutes(d: { email: EmailService; visitors: VisitorTokens; service: ConversationService }): Hono {
  const app = new Hono();
  app.post('/conversations/:id/transcript', async (c) => {
    const visitorId = await d.visitors.verify(
      bearerToken(c.req.header('authorization')) ?? c.req.header('x-switchboard-visitor'),
    );
    if (!visitorId)
      throw new AppError('unauthorized', 'A valid visitor token is required (Authorization: Bearer <visitor>).');
    const conversation = await d.service.store.get(c.req.param('id'));
    if (!conversation || conversation.visitorId !== visitorId) throw new AppError('not_found', 'No such conversation.');
    const parsed = transcriptBody.safeParse((await jsonBody(c)) ?? {});
    if (!parsed.success) throw new AppError('invalid_payload', 'email must be an e-mail address.', { field: 'email' });
    await d.email.transcript(conversation.id, parsed.data.email);
    return c.json({ ok: true });
  });
  app.get('/email/unsubscribe', async (c) => {
    await d.email.unsubscribe(c.req.query('t') ?? '');
    return c.html(unsubscribedPage(mailLocale(c.req.header('accept-language'))));
  });
  return app;
}
