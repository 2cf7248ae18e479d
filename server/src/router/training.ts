import {
  candidateKinds,
  trainTopicModel,
  type TopicModel,
  type TrainingData,
  type TrainOptions,
} from './classifier.js';
import type { RouterConfig } from './config.js';
import { topicKeywordUnits, type Topic } from './topics.js';
import type { Rows } from './logistic.js';
import { trainOffTopic, type OffTopicModel } from './offtopic.js';

/** What one training run needs: the topic examples and the off-topic examples, as plain transferable data. */
export interface RoutingTrainingInput {
  /** `data.keyword` is filled here, from the topics' texts (off the main thread: it is thousands of phrase scans). */
  data: Omit<TrainingData, 'keyword'>;
  config: RouterConfig;
  topics: Topic[];
  offTopic: Rows;
  options: TrainOptions;
}

/** The trained parts of the router's model, with how long training took. */
export interface TrainedRouting {
  topic: TopicModel;
  offTopic: OffTopicModel;
  ms: number;
  /** Where the time went (ms): keyword features, the topic model (cross-validation + final fit), the off-topic detector. */
  phases?: { keywords: number; topicModel: number; offTopic: number };
}

/** Train the topic model (chosen by cross-validation, calibrated) and the off-topic detector. */
export function trainRouting(
  input: RoutingTrainingInput,
  progress?: (done: number, total: number) => void,
): TrainedRouting {
  const started = performance.now();
  const { config, topics } = input;
  const keyword = new Float32Array(input.data.x.n * topics.length);
  let r = 0;
  for (const t of topics)
    for (const text of t.examples) keyword.set(topicKeywordUnits(text, config, topics).units, r++ * topics.length);
  const t1 = performance.now();
  const topic = trainTopicModel({ ...input.data, keyword }, input.options, progress);
  const t2 = performance.now();
  const offTopic = trainOffTopic(
    input.data.x,
    input.offTopic,
    input.options.maxCvRows,
    candidateKinds(input.data, input.options).includes('logistic'),
  );
  const t3 = performance.now();
  const phases = { keywords: Math.round(t1 - started), topicModel: Math.round(t2 - t1), offTopic: Math.round(t3 - t2) };
  return { topic, offTopic, ms: Math.round(t3 - started), phases };
}
