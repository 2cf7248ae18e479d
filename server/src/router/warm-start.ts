import type { Embedder } from '../knowledge/types.js';
import type { RouterConfig } from './config.js';
import { embedExamples } from './example-cache.js';
import { findCachedModel, modelCacheKey, storeCachedModel, type ModelCacheOptions } from './model-cache.js';
import { RoutingModel } from './model.js';
import type { LabelledExample, RouterOptions } from './route-types.js';
import { offTopicTexts, topicsOf } from './topics.js';

/**
 * The topic model for these examples: loaded from a cache (this process, the data folder, the shared folder) when one
 * was trained from the same inputs, else the examples are embedded (cached) and the model trained and cached.
 */
export async function trainTopicModel(
  config: RouterConfig,
  embedder: Embedder,
  options: RouterOptions,
  extra: LabelledExample[],
): Promise<RoutingModel> {
  const topics = topicsOf(config, extra);
  const offTopic = offTopicTexts(config, extra);
  const key = modelCacheKey(config, topics, offTopic, embedder);
  const cache: ModelCacheOptions = {
    file: options.cacheFile ? `${options.cacheFile.replace(/\.json$/, '')}.model.json` : undefined,
    dir: options.sharedCacheDir,
    warn: options.warn,
  };
  const hit = findCachedModel(cache, key);
  if (hit) return RoutingModel.restore(config, topics, hit.model, hit.source);
  const vectors = await embedExamples([...topics.flatMap((t) => t.examples), ...offTopic], embedder, options.cacheFile);
  let at = 0;
  const byTopic = topics.map((t) => vectors.slice(at, (at += t.examples.length)));
  const model = await RoutingModel.train(config, topics, byTopic, vectors.slice(at), {
    inline: options.inline,
    onProgress: options.onProgress,
  });
  storeCachedModel(cache, key, model.cached());
  return model;
}
