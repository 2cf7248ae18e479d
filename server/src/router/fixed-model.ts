import type { Embedder } from '../knowledge/types.js';
import type { RouterConfig } from './config.js';
import { embedExamples } from './example-cache.js';
import { keywordScores } from './keywords.js';
import type { ModelInfo } from './model.js';
import type { LabelledExample, RouterOptions, Scored } from './route-types.js';
import { createSemanticModel, softmax, type SemanticMethod, type SemanticModel } from './semantic.js';
import { offTopicTexts } from './topics.js';

const OUT_OF_SCOPE = '__out_of_scope__';
/** The keyword score counts up to this much: many weak hits must not drown the semantic evidence. */
const KEYWORD_CAP = 5;

/** A fixed method's model with its summary. */
export interface FixedModel {
  model: SemanticModel;
  info: ModelInfo;
}

/** Embed (cached) every agent's examples, plus the labelled extra ones, and build the fixed method's model. */
export async function buildFixedModel(
  config: RouterConfig,
  embedder: Embedder,
  options: RouterOptions,
  extra: LabelledExample[],
): Promise<FixedModel> {
  const started = performance.now();
  const own = (agent: string) => extra.filter((e) => e.agent === agent).map((e) => e.text);
  const named: Array<[string, string[]]> = config.agents.map((a) => [
    a.name,
    [...a.examples, ...a.topics.flatMap((t) => t.examples), ...own(a.name)],
  ]);
  const outOfScope = offTopicTexts(config, extra);
  if (outOfScope.length) named.push([OUT_OF_SCOPE, outOfScope]);
  const vectors = await embedExamples(
    named.flatMap(([, texts]) => texts),
    embedder,
    options.cacheFile,
  );
  const groups = new Map<string, Float32Array[]>();
  let offset = 0;
  for (const [name, texts] of named) {
    groups.set(name, vectors.slice(offset, offset + texts.length));
    offset += texts.length;
  }
  const { method, k, temperature } = config.routing;
  const model = createSemanticModel(groups, { ...config.routing, method: method as SemanticMethod });
  const siteExamples = config.agents.reduce(
    (s, a) =>
      s + a.examples.length + a.topics.filter((t) => t.source === 'site').reduce((n, t) => n + t.examples.length, 0),
    0,
  );
  const learnt = extra.filter((e) => e.agent === 'human' || config.agents.some((a) => a.name === e.agent)).length;
  const info: ModelInfo = {
    model: method === 'knn' ? `fixed knn k=${k}` : `fixed ${method}`,
    temperature,
    topics: config.agents.length,
    examples: vectors.length,
    siteExamples: siteExamples + learnt,
    offTopic: 'margin',
    trainMs: Math.round(performance.now() - started),
  };
  return { model, info };
}

/** The fixed method's scores: semantic logits plus keyword evidence in a softmax over the agents; out-of-scope by margin. */
export function scoreFixed(
  fixed: FixedModel,
  config: RouterConfig,
  text: string,
  vector: Float32Array,
  englishOnly: boolean,
): { ranked: Scored[]; outOfScope: boolean; topic?: string; offTopic?: number } {
  const { agents, routing, escalation } = config;
  const kw = keywordScores(text, agents);
  const logits = englishOnly ? new Map<string, number>() : fixed.model.logits(vector);
  const combined = agents.map(
    (a) => (logits.get(a.name) ?? 0) + routing.keywordWeight * Math.min(kw.get(a.name)!.score, KEYWORD_CAP),
  );
  const probs = softmax(combined);
  const ranked = agents
    .map((a, i) => ({ agent: a.name, p: probs[i], keyword: kw.get(a.name)!.score, matched: kw.get(a.name)!.matched }))
    .sort((x, y) => y.p - x.p);
  const bestSemantic = Math.max(...agents.map((a) => logits.get(a.name) ?? -Infinity));
  const outOfScope =
    !englishOnly && (logits.get(OUT_OF_SCOPE) ?? -Infinity) > bestSemantic + escalation.outOfScopeMargin;
  return { ranked, outOfScope };
}
