import { describe, expect, it } from 'vitest';
import { fitPlatt, fitTemperature, heldOutScore, sigmoid } from './calibrate.js';
import { candidateKinds, classify, stratifiedFolds, trainTopicModel, type TrainingData } from './classifier.js';
import { toRows } from './logistic.js';
import { offTopicProbability, trainOffTopic } from './offtopic.js';
import { rowSimilarities } from './topic-knn.js';

// Deterministic synthetic embeddings: each topic is a direction plus noise, normalised.
function unit(v: number[]): Float32Array {
  const n = Math.hypot(...v) || 1;
  return Float32Array.from(v, (x) => x / n);
}
let seed = 7;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
const DIM = 16;
const around = (axis: number, noise: number) =>
  unit(Array.from({ length: DIM }, (_, i) => (i === axis ? 1 : 0) + noise * rand()));

function dataset(perTopic: number, noise: number, sites: boolean[] = [false, false, true, true]): TrainingData {
  // Four topics on two agents: topics 0 and 2 → agent 0, topics 1 and 3 → agent 1.
  const vectors: Float32Array[] = [];
  const topic: number[] = [];
  for (let t = 0; t < 4; t++) for (let i = 0; i < perTopic; i++) (vectors.push(around(t, noise)), topic.push(t));
  return {
    topics: sites.map((site, t) => ({ id: `t${t}`, agent: t % 2, site })),
    agents: ['a', 'b'],
    x: toRows(vectors),
    topic: Int32Array.from(topic),
    keyword: new Float32Array(vectors.length * 4),
  };
}

describe('topic classifier', () => {
  it("lets only kNN compete without examples of the owner's own (topics and off-topic), unless configured", () => {
    const generic = dataset(12, 0.6, [false, false, false, false]);
    const model = trainTopicModel(generic, { siteWeight: 3, folds: 4, maxCvRows: 1000 });
    expect(model.cv.candidates.every((c) => c.name.startsWith('knn '))).toBe(true);
    expect(candidateKinds(generic, {})).toEqual(['knn']);
    expect(candidateKinds(dataset(12, 0.6), {})).toEqual(['knn', 'logistic']);
    expect(candidateKinds(generic, { kinds: ['logistic'] })).toEqual(['logistic']);
    const forced = trainTopicModel(generic, { siteWeight: 3, folds: 4, maxCvRows: 1000, kinds: ['logistic'] });
    expect(forced.choice.kind).toBe('logistic');
    const off = toRows(Array.from({ length: 10 }, () => around(5, 0.3)));
    expect(trainOffTopic(generic.x, off, 1500, false).cv.candidates.map((c) => c.name)).toEqual(['knn-margin']);
    expect(trainOffTopic(generic.x, off).cv.candidates.map((c) => c.name)).toEqual(['knn-margin', 'logistic']);
  });

  it('chooses a model by cross-validation and routes held-out-like vectors to the right agent', () => {
    const data = dataset(12, 0.6);
    const model = trainTopicModel(data, { siteWeight: 3, folds: 4, maxCvRows: 1000 });
    expect(model.cv.candidates.length).toBeGreaterThan(20);
    expect(model.cv.candidates.map((c) => c.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^knn k=3/), expect.stringMatching(/^logistic l2=/)]),
    );
    expect(model.cv.accuracy).toBeGreaterThan(0.85);
    expect(model.cv.siteAccuracy).toBeGreaterThan(0.85);
    expect(model.temperature).toBeGreaterThan(0);
    let right = 0;
    for (let i = 0; i < 40; i++) {
      const t = i % 4;
      const c = classify(model, data, around(t, 0.6), new Float32Array(4));
      if ((c.agents[0] > c.agents[1] ? 0 : 1) === t % 2) right++;
      expect(c.agents[0] + c.agents[1]).toBeCloseTo(1, 6);
    }
    expect(right).toBeGreaterThanOrEqual(34);
    // With the message's similarities given (computed once per route), the same decision to the last bit.
    const knn = trainTopicModel(data, { siteWeight: 3, folds: 4, maxCvRows: 1000, kinds: ['knn'] });
    const v = around(1, 0.6);
    const keyword = Float32Array.from([0, 1, 0, 0]);
    expect(classify(knn, data, v, keyword, rowSimilarities(data.x, v))).toEqual(classify(knn, data, v, keyword));
  });

  it('keyword units move the decision when the chosen model weighs keywords', () => {
    const data = dataset(8, 0.6);
    const model = trainTopicModel(data, { siteWeight: 3, folds: 4, maxCvRows: 1000, kinds: ['knn'] });
    const forced = { ...model, choice: { ...model.choice, keywordWeight: 2.5 } };
    const halfway = unit(Array.from({ length: DIM }, (_, i) => (i === 0 || i === 1 ? 1 : 0)));
    const toB = classify(forced, data, halfway, Float32Array.from([0, 5, 0, 5]));
    const toA = classify(forced, data, halfway, Float32Array.from([5, 0, 5, 0]));
    expect(toB.agents[1]).toBeGreaterThan(0.9);
    expect(toA.agents[0]).toBeGreaterThan(0.9);
  });

  it('stratified folds spread every topic over the folds', () => {
    const fold = stratifiedFolds(Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]), 5);
    for (const label of [0, 1])
      expect(new Set(Array.from(fold).filter((_, i) => (i < 5 ? 0 : 1) === label)).size).toBe(5);
  });
});

describe('calibration', () => {
  it('temperature scaling cools over-confident logits so the confidence matches the accuracy', () => {
    // Logits that always say ~0.998 for the first agent, which is right only 70 % of the time.
    const rows = Array.from({ length: 100 }, (_, i) => ({
      logits: Float64Array.from([6, 0]),
      agent: i % 10 < 7 ? 0 : 1,
      weight: 1,
    }));
    const t = fitTemperature(rows, [0, 1], 2);
    const p = 1 / (1 + Math.exp(-6 / t));
    expect(p).toBeCloseTo(0.7, 2);
    expect(heldOutScore(rows, [0, 1], 2, t).accuracy).toBeCloseTo(0.7, 6);
  });

  it('Platt scaling maps a score to the observed rate', () => {
    const scores = Array.from({ length: 200 }, (_, i) => (i < 100 ? -1 : 1));
    const labels = scores.map((s, i) => (s > 0 ? (i % 10 < 8 ? 1 : 0) : i % 10 < 2 ? 1 : 0));
    const { a, b } = fitPlatt(
      scores,
      labels,
      scores.map(() => 1),
    );
    expect(sigmoid(a + b)).toBeCloseTo(0.8, 2);
    expect(sigmoid(-a + b)).toBeCloseTo(0.2, 2);
  });
});

describe('off-topic detector', () => {
  it('scores off-topic vectors high and in-scope ones low, whatever the class sizes', () => {
    const data = dataset(20, 0.4);
    const off = toRows(Array.from({ length: 8 }, () => around(10, 0.4)));
    const m = trainOffTopic(data.x, off);
    expect(['knn-margin', 'logistic']).toContain(m.kind);
    expect(offTopicProbability(m, data.x, off, around(10, 0.4))).toBeGreaterThan(0.7);
    expect(offTopicProbability(m, data.x, off, around(2, 0.4))).toBeLessThan(0.3);
    // Routing hands over the similarities it computed for the kNN logits: the same probability, to the last bit.
    const knnMargin = trainOffTopic(data.x, off, 1500, false);
    for (const v of [around(10, 0.4), around(2, 0.4)])
      expect(offTopicProbability(knnMargin, data.x, off, v, rowSimilarities(data.x, v))).toBe(
        offTopicProbability(knnMargin, data.x, off, v),
      );
    expect(trainOffTopic(data.x, toRows([], DIM)).kind).toBe('none');
  });
});
