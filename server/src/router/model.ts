import { Worker } from 'node:worker_threads';
import { choiceName, classify, type TrainingData } from './classifier.js';
import type { RouterConfig } from './config.js';
import { toRows, type Rows } from './logistic.js';
import type { CachedModel, WarmStart } from './model-cache.js';
import { offTopicProbability } from './offtopic.js';
import { rowSimilarities } from './topic-knn.js';
import { topicKeywordUnits, type Topic } from './topics.js';
import { trainRouting, type RoutingTrainingInput, type TrainedRouting } from './training.js';

/** What the topic model says about one message. */
export interface ModelScore {
  /** Agents with their calibrated probability, best first, and their keyword evidence. */
  ranked: Array<{ agent: string; p: number; keyword: number; matched: string[] }>;
  /** The most likely topic (`agent/topic`). */
  topic: string;
  /** Calibrated probability that the message is off-topic. */
  offTopic: number;
}

/** A summary of the trained model for the log and `/api/analytics`. */
export interface ModelInfo {
  model: string;
  temperature: number;
  topics: number;
  examples: number;
  siteExamples: number;
  /** Cross-validated agent accuracy (auto only: a fixed method is not chosen by cross-validation). */
  cvAccuracy?: number;
  cvSiteAccuracy?: number;
  offTopic: string;
  trainMs: number;
  /** Where training time went (ms), for the log and `bench:router-train`. */
  phases?: Record<string, number>;
  /** Loaded from a cache instead of trained at this start (`trainMs` is then the original training's). */
  warmStart?: WarmStart;
}

export { forgetTrainedModels } from './model-cache.js';

/** The router's trained topic model: topics, their example vectors, the chosen classifier and the off-topic detector. */
export class RoutingModel {
  private constructor(
    private readonly config: RouterConfig,
    readonly topics: Topic[],
    private readonly data: TrainingData,
    private readonly offTopicRows: Rows,
    readonly trained: TrainedRouting,
    private readonly warmStart?: WarmStart,
  ) {}

  /** Train on the topics' example vectors (`vectors[t][i]`) in a worker thread (or inline with `inline`). */
  static async train(
    config: RouterConfig,
    topics: Topic[],
    vectors: Float32Array[][],
    offTopic: Float32Array[],
    o: { inline?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<RoutingModel> {
    const flat = vectors.flat();
    const dim = flat[0]?.length ?? offTopic[0]?.length ?? 0;
    const x = toRows(flat, dim);
    const data = trainingData(config, topics, x);
    const { siteWeight, folds, maxCvExamples, candidates } = config.routing;
    const input: RoutingTrainingInput = {
      data,
      config,
      topics,
      offTopic: toRows(offTopic, dim),
      options: { siteWeight, folds, maxCvRows: maxCvExamples, kinds: candidates },
    };
    const trained = o.inline ? trainRouting(input, o.onProgress) : await trainInWorker(input, o.onProgress);
    return new RoutingModel(config, topics, { ...data, keyword: new Float32Array(0) }, input.offTopic, trained);
  }

  /** The model from a cache: the same topics' example vectors and what was trained on them, no training. */
  static restore(config: RouterConfig, topics: Topic[], cached: CachedModel, warmStart: WarmStart): RoutingModel {
    const data = trainingData(config, topics, cached.x);
    return new RoutingModel(
      config,
      topics,
      { ...data, keyword: new Float32Array(0) },
      cached.offTopic,
      cached.trained,
      warmStart,
    );
  }

  /** What a cache keeps of this model. */
  cached(): CachedModel {
    return { x: this.data.x, offTopic: this.offTopicRows, trained: this.trained };
  }

  /** Score one message: calibrated agent probabilities, the best topic and the off-topic probability. */
  score(text: string, v: Float32Array, keywordsOnly = false): ModelScore {
    const { units, byAgent } = topicKeywordUnits(text, this.config, this.topics);
    // The kNN logits and the off-topic margin read the same dot products (message × every example): one pass.
    const { topic: topicModel, offTopic: offModel } = this.trained;
    const sims =
      !keywordsOnly && (topicModel.choice.kind === 'knn' || offModel.kind === 'knn-margin')
        ? rowSimilarities(this.data.x, v)
        : undefined;
    const c = classify(topicModel, this.data, keywordsOnly ? new Float32Array(v.length) : v, units, sims);
    const ranked = this.data.agents
      .map((agent, i) => ({
        agent,
        p: c.agents[i],
        keyword: byAgent.get(agent)!.score,
        matched: byAgent.get(agent)!.matched,
      }))
      .sort((a, b) => b.p - a.p);
    const offTopic = keywordsOnly ? 0 : offTopicProbability(offModel, this.data.x, this.offTopicRows, v, sims);
    return { ranked, topic: this.topics[c.topic].id, offTopic };
  }

  /** What was trained, for the log and analytics. */
  info(): ModelInfo {
    const t = this.trained;
    return {
      model: choiceName(t.topic.choice),
      temperature: Math.round(t.topic.temperature * 1000) / 1000,
      topics: this.topics.length,
      examples: this.data.x.n,
      siteExamples: this.topics.filter((x) => x.site).reduce((s, x) => s + x.examples.length, 0),
      cvAccuracy: t.topic.cv.accuracy,
      ...(t.topic.cv.siteAccuracy !== undefined ? { cvSiteAccuracy: t.topic.cv.siteAccuracy } : {}),
      offTopic: t.offTopic.kind,
      trainMs: t.ms,
      ...(this.warmStart ? { warmStart: this.warmStart } : {}),
      // Absent from models cached on disk by an older version.
      ...(t.phases ? { phases: { ...t.phases, ...t.topic.ms } } : {}),
    };
  }
}

/** The classifier's view of the topics and their example rows. */
function trainingData(config: RouterConfig, topics: Topic[], x: Rows): Omit<TrainingData, 'keyword'> {
  const agents = config.agents.map((a) => a.name);
  return {
    topics: topics.map((t) => ({ id: t.id, agent: agents.indexOf(t.agent), site: t.site })),
    agents,
    x,
    topic: Int32Array.from(topics.flatMap((t, i) => t.examples.map(() => i))),
  };
}

/** Run one training in a fresh worker thread: the event loop keeps serving chats meanwhile. */
function trainInWorker(
  input: RoutingTrainingInput,
  onProgress?: (done: number, total: number) => void,
): Promise<TrainedRouting> {
  const worker = new Worker(new URL('./train.worker.mjs', import.meta.url));
  return new Promise<TrainedRouting>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`router training worker exited with code ${code}`)));
    worker.on(
      'message',
      (m: { type: string; model?: TrainedRouting; message?: string; done?: number; total?: number }) => {
        if (m.type === 'ready') worker.postMessage({ input });
        else if (m.type === 'progress') onProgress?.(m.done!, m.total!);
        else if (m.type === 'done') resolve(m.model!);
        else if (m.type === 'error') reject(new Error(`router training failed: ${m.message}`));
      },
    );
  }).finally(() => void worker.terminate());
}
