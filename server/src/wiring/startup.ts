import type { Metrics } from '../analytics/metrics.js';
import { createAiStack, type AiStack } from '../ai.js';
import type { Config } from '../config.js';
import { migrate } from '../storage/migrate.js';
import { openDatabase, type Database } from '../storage/db.js';
import { StatusStore } from '../storage/status.js';
import type { Logger } from '../util/logger.js';

/**
 * Open and migrate the database while the AI stack starts (when `withAi`): the database (PGlite compiles WebAssembly, on
 * its worker thread or this one) and the AI stack (the embedding model loads in its worker thread, the index restores from disk) do not
 * depend on each other. Whichever fails, the other is closed before the error is rethrown.
 */
export async function startStorageAndAi(
  config: Config,
  logger: Logger,
  options: { withAi: boolean; inMemory?: boolean; metrics: Metrics },
): Promise<{ db: Database; ai?: AiStack }> {
  const { inMemory, metrics } = options;
  const aiStarting = options.withAi ? createAiStack(config, logger, { inMemory, metrics }) : undefined;
  aiStarting?.catch(() => undefined);
  let db: Database | undefined;
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: inMemory ? undefined : `${config.dataDir}/db`,
      logger,
      schema: config.databaseSchema,
      sharedBuffersMb: config.embeddedDbBuffersMb,
      embeddedWorker: inMemory ? undefined : config.embeddedDbWorker,
    });
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied, kind: db.kind }, 'database migrated');
  } catch (err) {
    await aiStarting?.then(
      (ai) => ai.close(),
      () => undefined,
    );
    await db?.close().catch(() => undefined);
    throw err;
  }
  const opened = db;
  const ai = await aiStarting?.catch(async (err) => {
    await opened.close().catch(() => undefined);
    throw err;
  });
  return { db: opened, ai };
}

/** The readiness check of `GET /readyz`: the database answers and the AI stack (if any) has started. */
export function readiness(db: Database, ai?: AiStack): () => Promise<{ ok: boolean; checks: Record<string, boolean> }> {
  const status = new StatusStore(db);
  return async () => {
    const checks = {
      database: await status.answers(),
      ai: ai?.ready() ?? true,
    };
    return { ok: Object.values(checks).every(Boolean), checks };
  };
}
