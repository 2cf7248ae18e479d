import { agentProbabilities, fitTemperature, heldOutScore, type HeldOut } from './calibrate.js';
import type { ModelChoice, TopicModel, TrainingData, TrainOptions } from './classifier-types.js';
import { countPer, cvRows, rowsWhere, sampleWeights, stratifiedFolds, subset } from './cv-rows.js';
import { logisticLogits, trainLogistic } from './logistic.js';
import { KNN_SCALE, knnHeldOut, knnLogits, meanOfTop } from './topic-knn.js';

export type { ModelChoice, TopicInfo, TopicModel, TrainingData, TrainOptions } from './classifier-types.js';
export { sampleWeights, shuffle, stratifiedFolds } from './cv-rows.js';

/** Training defaults: site examples weigh 3×, 5 folds, cross-validation on at most 1,000 examples. */
export const DEFAULT_TRAIN: TrainOptions = { siteWeight: 3, folds: 5, maxCvRows: 1000 };

const KNN_K = [1, 3, 5, 10];
const KW = [0, 1, 2.5];
const L2 = [1e-4, 1e-3, 1e-2];
// Past maxCvRows examples the weakest penalty won every bench:router-train run; the strongest costs a third of the CV time.
const L2_LARGE = [1e-4, 1e-3];

/**
 * The model kinds training may choose from: the configured ones, else both when the owner has examples of their own
 * and kNN alone when not. The shipped generic examples are broad on purpose: a regression fitted to them wins their
 * own cross-validation but generalises worse to real wording (performance.md), for topics and off-topic alike.
 */
export function candidateKinds(
  data: Pick<TrainingData, 'topics'>,
  o: Pick<TrainOptions, 'kinds'>,
): Array<ModelChoice['kind']> {
  return o.kinds ?? (data.topics.some((t) => t.site) ? ['knn', 'logistic'] : ['knn']);
}

/** A short name of a candidate, for logs, analytics and the CV table. */
export function choiceName(c: ModelChoice): string {
  return c.kind === 'knn'
    ? `knn k=${c.k} keywords=${c.keywordWeight} site+${c.siteBias}`
    : `logistic l2=${c.l2} keywords=${c.keywordWeight}`;
}

/**
 * Topic logits of one vector under a trained model (`keyword`: that message's keyword units per topic; `sims`: its
 * similarities to `data.x` when already computed, see `rowSimilarities`).
 */
export function topicLogits(
  model: TopicModel,
  data: TrainingData,
  v: Float32Array,
  keyword: ArrayLike<number>,
  sims?: Float64Array,
): Float64Array {
  const c = model.choice;
  const z = c.kind === 'logistic' ? logisticLogits(model.logistic!, v) : knnLogits(data, v, c.k, c.siteBias, sims);
  for (let t = 0; t < z.length; t++) z[t] += c.keywordWeight * keyword[t];
  return z;
}

/** Agent probabilities of one vector (temperature-scaled softmax over topics, summed per agent), and the best topic. */
export function classify(
  model: TopicModel,
  data: TrainingData,
  v: Float32Array,
  keyword: ArrayLike<number>,
  sims?: Float64Array,
): { agents: Float64Array; topic: number; topicP: number } {
  const z = topicLogits(model, data, v, keyword, sims);
  const topicAgent = data.topics.map((t) => t.agent);
  const agents = agentProbabilities(z, topicAgent, data.agents.length, model.temperature);
  let topic = 0;
  for (let t = 1; t < z.length; t++) if (z[t] > z[topic]) topic = t;
  const zt = Float64Array.from(z, (x) => x / model.temperature);
  const m = Math.max(...zt);
  const sum = zt.reduce((s, x) => s + Math.exp(x - m), 0);
  return { agents, topic, topicP: 1 / sum };
}

/**
 * Choose the model by k-fold cross-validation on the configured examples (agent accuracy; with enough site examples,
 * 3/4 of the score is accuracy on the owner's own examples), fit its temperature on the held-out logits, and train
 * the chosen model on every example.
 */
export function trainTopicModel(
  data: TrainingData,
  o: TrainOptions = DEFAULT_TRAIN,
  progress?: (done: number, total: number) => void,
): TopicModel {
  const cv = subset(data, cvRows(data, o.maxCvRows));
  const T = data.topics.length;
  const topicAgent = data.topics.map((t) => t.agent);
  // Past maxCvRows, 3 folds: the logistic candidates' cost grows with folds × rows × topics.
  const folds = Math.max(2, Math.min(data.x.n > o.maxCvRows ? 3 : o.folds, Math.max(...countPer(cv.topic, T))));
  const fold = stratifiedFolds(cv.topic, folds);
  const siteRows = cv.topics.some((t) => t.site) ? Array.from(cv.topic).filter((t) => cv.topics[t].site).length : 0;
  const scoreWeight = Float64Array.from(cv.topic, (t) =>
    siteRows >= 20 ? (cv.topics[t].site ? 0.75 / siteRows : 0.25 / (cv.x.n - siteRows || 1)) : 1,
  );
  const kinds = candidateKinds(data, o);
  const base: Array<{
    choice: { kind: 'knn'; k: number; siteBias: number } | { kind: 'logistic'; l2: number };
    logits: Float64Array[];
  }> = [];
  const l2s = data.x.n > o.maxCvRows ? L2_LARGE : L2;
  const steps = (kinds.includes('knn') ? 1 : 0) + (kinds.includes('logistic') ? l2s.length * folds : 0);
  let done = 0;
  const clock = [performance.now()];
  if (kinds.includes('knn')) {
    const tops = knnHeldOut(cv, fold, Math.max(...KNN_K));
    for (const k of KNN_K) {
      for (const siteBias of siteRows ? [0, 1, 2] : [0]) {
        base.push({
          choice: { kind: 'knn', k, siteBias },
          logits: tops.map((perTopic) =>
            Float64Array.from(perTopic, (b, t) =>
              b.length ? meanOfTop(b, k) * KNN_SCALE + (cv.topics[t].site ? siteBias : 0) : -1e9,
            ),
          ),
        });
      }
    }
    progress?.(++done, steps);
  }
  clock.push(performance.now());
  if (kinds.includes('logistic')) {
    const weight = sampleWeights(cv, o.siteWeight);
    for (const l2 of l2s) {
      const logits: Float64Array[] = new Array(cv.x.n);
      for (let f = 0; f < folds; f++) {
        const train = rowsWhere(fold, (g) => g !== f);
        const part = subset(cv, train);
        const m = trainLogistic(
          part.x,
          part.topic,
          train.map((r) => weight[r]),
          T,
          { l2 },
        );
        for (let r = 0; r < cv.x.n; r++) if (fold[r] === f) logits[r] = logisticLogits(m, cv.x.data, r * cv.x.dim);
        progress?.(++done, steps);
      }
      base.push({ choice: { kind: 'logistic', l2 }, logits });
    }
  }
  clock.push(performance.now());
  const candidates: Array<{
    choice: ModelChoice;
    held: HeldOut[];
    accuracy: number;
    nll: number;
    temperature: number;
    site?: number;
  }> = [];
  for (const b of base) {
    for (const keywordWeight of KW) {
      const held: HeldOut[] = b.logits.map((z, r) => ({
        logits: withKeywords(z, cv.keyword, r, T, keywordWeight),
        agent: topicAgent[cv.topic[r]],
        weight: scoreWeight[r],
      }));
      candidates.push({
        choice: { ...b.choice, keywordWeight } as ModelChoice,
        held,
        ...heldOutScore(held, topicAgent, data.agents.length, 1),
        temperature: 1,
      });
    }
  }
  // Best accuracy; within half a point of it, the lower log-loss once calibrated (usually the simpler model).
  // Temperatures are fitted only for those contenders: the fit is the costly part of scoring a candidate.
  const top = Math.max(...candidates.map((c) => c.accuracy));
  const contenders = candidates.filter((c) => c.accuracy >= top - 0.005);
  for (const c of contenders) {
    c.temperature = fitTemperature(c.held, topicAgent, data.agents.length);
    Object.assign(c, heldOutScore(c.held, topicAgent, data.agents.length, c.temperature));
    const siteHeld = c.held.filter((_, r) => cv.topics[cv.topic[r]].site);
    c.site = siteHeld.length
      ? heldOutScore(siteHeld, topicAgent, data.agents.length, c.temperature).accuracy
      : undefined;
  }
  const chosen = contenders.sort((a, b) => a.nll - b.nll)[0];
  clock.push(performance.now());
  const model: TopicModel = {
    choice: chosen.choice,
    temperature: chosen.temperature,
    cv: {
      folds,
      rows: cv.x.n,
      accuracy: r4(chosen.accuracy),
      siteAccuracy: chosen.site === undefined ? undefined : r4(chosen.site),
      nll: r4(chosen.nll),
      candidates: candidates.map((c) => ({ name: choiceName(c.choice), accuracy: r4(c.accuracy), nll: r4(c.nll) })),
    },
  };
  if (chosen.choice.kind === 'logistic')
    model.logistic = trainLogistic(data.x, data.topic, sampleWeights(data, o.siteWeight), T, { l2: chosen.choice.l2 });
  clock.push(performance.now());
  const lap = (i: number) => Math.round(clock[i + 1] - clock[i]);
  model.ms = { knnCv: lap(0), logisticCv: lap(1), choice: lap(2), finalFit: lap(3) };
  return model;
}

function withKeywords(z: Float64Array, keyword: Float32Array, r: number, T: number, weight: number): Float64Array {
  if (!weight) return z;
  return Float64Array.from(z, (x, t) => x + weight * keyword[r * T + t]);
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;
