import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { Attachments } from '../attachments/index.js';
import { conversationRoom } from '../conversations/broadcast.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { ChatNamespace } from '../realtime/types.js';
import type { Logger } from '../util/logger.js';

/** This package's version (the OpenAPI description's). */
const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Serve `/api/openapi.json`, built on the first request: generating it costs start-up time most servers never need. */
export function mountOpenApi(app: Hono): void {
  let openApi: object | undefined;
  app.get('/api/openapi.json', async (c) =>
    c.json((openApi ??= (await import('../http/openapi.js')).openApiDocument(SERVER_VERSION))),
  );
}

/** What a GDPR erasure does beyond the database: cut the conversations' sockets, drop caches and attachment files. */
export function afterErasure(d: {
  chat: ChatNamespace;
  knowledge?: KnowledgeBase;
  attachments: Attachments;
  logger: Logger;
}): (conversationIds: string[]) => void {
  return (ids) => {
    ids.forEach((id) => d.chat.in(conversationRoom(id)).disconnectSockets(true));
    d.knowledge?.clearCaches(); // the query caches are keyed by customers' words
    void d.attachments.service
      .erased(ids)
      .catch((err) => d.logger.error({ err }, 'could not remove erased attachments'));
  };
}
