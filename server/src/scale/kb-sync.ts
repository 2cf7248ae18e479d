import { randomUUID } from 'node:crypto';
import type { KbChange } from '../http/kb.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { Logger } from '../util/logger.js';
import type { Bus } from './bus.js';

const CHANNEL = 'kb';

/**
 * Keep every node's in-process index in step: a change made through the API on one node is published on the bus
 * and applied by the others (unchanged chunks are not re-embedded, thanks to content hashes).
 */
export async function syncKnowledge(kb: KnowledgeBase, bus: Bus, logger: Logger): Promise<(change: KbChange) => void> {
  const node = randomUUID();
  await bus.subscribe(CHANNEL, (raw) => {
    const msg = raw as KbChange & { origin?: string };
    if (!msg || msg.origin === node) return;
    const apply =
      msg.op === 'upsert'
        ? kb.upsertDocuments(msg.docs)
        : msg.op === 'delete'
          ? kb.deleteDocument(msg.id)
          : msg.op === 'file'
            ? kb.ingestFile(msg.file.name, msg.file.content, { collection: msg.file.collection })
            : msg.op === 'removeSource'
              ? kb.removeSource(msg.source)
              : msg.op === 'reingest'
                ? kb.ingestPath(msg.source.slice('path:'.length))
                : undefined;
    apply?.then(
      () => logger.info({ op: msg.op }, 'knowledge base change from another node applied'),
      (err) => logger.error({ err }, 'knowledge base change from another node failed'),
    );
  });
  return (change) => {
    bus
      .publish(CHANNEL, { ...change, origin: node })
      .catch((err) => logger.error({ err }, 'publishing a knowledge base change failed'));
  };
}
