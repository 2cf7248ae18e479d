import { join } from 'node:path';
import { createAgentLayer } from './agents/index.js';
import type { AgentLayer } from './agents/types.js';
import type { Metrics } from './analytics/metrics.js';
import { timedEmbedder } from './analytics/wire.js';
import type { Config } from './config.js';
import { syncFolders } from './knowledge/folders.js';
import { createEmbedder } from './knowledge/embedders/index.js';
import { createKnowledgeBase, type KnowledgeBase } from './knowledge/index.js';
import type { Embedder } from './knowledge/types.js';
import type { RouterConfig } from './router/config.js';
import { activeConfig } from './router/overrides.js';
import type { Router } from './router/router.js';
import type { Logger } from './util/logger.js';

/** The AI side of the server: embedder, knowledge base and agent layer. */
export interface AiStack {
  agents: AgentLayer;
  knowledge: KnowledgeBase;
  /** The router the agent layer uses (its learning loop retrains it live). */
  router: Router;
  /** The embedder every part shares (its `memory()` feeds `/metrics`). */
  embedder: Embedder;
  /** The agents file as loaded (admins' live edits are layered over it by the learning loop, scale/router-sync.ts). */
  routerConfig: RouterConfig;
  ready(): boolean;
  close(): Promise<void>;
}

/** Build the embedder, open the knowledge base (ingesting `--kb` folders incrementally) and the agent layer. */
export async function createAiStack(
  config: Config,
  logger: Logger,
  options: { inMemory?: boolean; metrics?: Metrics } = {},
): Promise<AiStack> {
  const started = performance.now();
  const { routerConfig } = config;
  const raw = await createEmbedder(config.embedder, {
    modelDir: config.modelDir,
    allowRemote: config.allowRemoteModels,
    cacheDir: join(config.dataDir, 'models'),
    logger,
  });
  const embedder = options.metrics ? timedEmbedder(options.metrics, raw) : raw;
  const knowledge = await createKnowledgeBase({
    dataDir: options.inMemory ? undefined : join(config.dataDir, 'kb'),
    embedder,
    logger,
    maxQueryChars: config.maxEmbedChars,
  });
  const stops: Array<() => void> = [];
  await syncFolders(knowledge, config.kb, logger);
  if (config.watchKb) for (const path of config.kb) stops.push(knowledge.watch(path));
  const agents = await createAgentLayer({
    config: activeConfig(routerConfig),
    embedder,
    knowledge,
    logger,
    cacheDir: options.inMemory ? undefined : join(config.dataDir, 'router'),
    sharedCacheDir: config.cacheDir && join(config.cacheDir, 'router-models'),
    llm:
      config.llmUrl && config.llmModel
        ? { url: config.llmUrl, model: config.llmModel, apiKey: config.llmApiKey, timeoutMs: config.llmTimeoutMs }
        : undefined,
    timing: options.metrics && {
      routing: (s) => options.metrics!.routingDuration.observe(s),
      retrieval: (s) => options.metrics!.retrievalDuration.observe(s),
    },
  });
  // The first start's ingest and the router's examples are bulk embeds; the memory they left behind goes back now,
  // in the background (the old worker serves until the new one is loaded).
  void raw
    .compact?.()
    .then((done) => done && logger.info('embedder worker replaced after the bulk embed (memory given back)'))
    .catch((err) => logger.warn({ err }, 'embedder compaction failed'));
  logger.info(
    {
      embedder: embedder.id,
      agents: routerConfig.agents.map((a) => a.name),
      router: agents.router.modelInfo() ?? routerConfig.routing.method,
      ms: Math.round(performance.now() - started),
    },
    'AI layer ready',
  );
  return {
    agents,
    knowledge,
    router: agents.router,
    embedder,
    routerConfig,
    ready: () => true,
    async close() {
      for (const stop of stops) stop();
      await knowledge.close();
      await embedder.close();
    },
  };
}
