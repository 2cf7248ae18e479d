import { afterAll, beforeAll } from 'vitest';
import { ConversationStore } from '../storage/conversations.js';
import { openDatabase, type Database } from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { createLogger } from '../util/logger.js';
import { ConversationService } from './service.js';
import type { ServiceOptions } from './service-types.js';

/** What a service test works with; filled in by `beforeAll`. */
export interface ServiceUnderTest {
  db: Database;
  store: ConversationStore;
  service: ConversationService;
}

/**
 * Within the calling file: a `ConversationService` on a fresh in-memory PGlite, opened before the tests and closed
 * after them. By default the agent layer refuses to answer and broadcasts go nowhere; `options` replaces either.
 */
export function serviceOnPglite(options: Partial<Pick<ServiceOptions, 'agents' | 'broadcast'>> = {}): ServiceUnderTest {
  const t = {} as ServiceUnderTest;
  beforeAll(async () => {
    t.db = await openDatabase({});
    await migrate(t.db);
    t.store = new ConversationStore(t.db);
    t.service = new ConversationService({
      store: t.store,
      agents: { reply: () => Promise.reject(new Error('no answers in this test')) },
      broadcast: { toConversation: () => undefined },
      logger: createLogger({ level: 'silent' }),
      contextMessages: 4,
      historyLimit: 50,
      ...options,
    });
  });
  afterAll(() => t.db?.close());
  return t;
}
