import { trainTopicModel, type TopicModel, type TrainingData, type TrainOptions } from './classifier.js';
import type { Rows } from './logistic.js';
import { trainOffTopic, type OffTopicModel } from './offtopic.js';

/** What one training run needs: the topic examples and the off-topic examples, as plain transferable data. */
export interface RoutingTrainingInput {
  data: TrainingData;
  offTopic: Rows;
  options: TrainOptions;
}

/** The trained parts of the router's model, with how long training took. */
export interface TrainedRouting {
  topic: TopicModel;
  offTopic: OffTopicModel;
  ms: number;
}

/** Train the topic model (chosen by cross-validation, calibrated) and the off-topic detector. */
export function trainRouting(input: RoutingTrainingInput, progress?: (done: number, total: number) => void): TrainedRouting {
  const started = performance.now();
  const topic = trainTopicModel(input.data, input.options, progress);
  const offTopic = trainOffTopic(input.data.x, input.offTopic, input.options.maxCvRows);
  return { topic, offTopic, ms: Math.round(performance.now() - started) };
}
