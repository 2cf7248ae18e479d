import type { LogisticWeights, Rows } from './logistic.js';

/** A topic as the classifier sees it: which agent owns it and whether it is the site owner's (or shipped, generic). */
export interface TopicInfo {
  id: string;
  agent: number;
  site: boolean;
}

/** Everything training needs; plain data so it can cross into a worker thread. */
export interface TrainingData {
  topics: TopicInfo[];
  agents: string[];
  /** Unit example vectors. */
  x: Rows;
  /** Topic index of each example. */
  topic: Int32Array;
  /** Keyword units (capped) per topic of each example: n × topics. */
  keyword: Float32Array;
}

/** A candidate model; `knn` logits are mean top-k cosine / 0.03, `logistic` logits are the regression's. */
export type ModelChoice =
  | { kind: 'knn'; k: number; keywordWeight: number; siteBias: number }
  | { kind: 'logistic'; l2: number; keywordWeight: number };

/** How training chooses and fits the model. */
export interface TrainOptions {
  /** Sample weight of a site example relative to a shipped one (logistic training, and the CV score). */
  siteWeight: number;
  folds: number;
  /** Cross-validate on at most this many examples (a stratified sample), so 5,000 examples train in seconds. */
  maxCvRows: number;
  /** Restrict the candidates (e.g. `knn` only); all by default. */
  kinds?: Array<ModelChoice['kind']>;
}

/** The trained topic model: what was chosen, its calibration, and how it scored in cross-validation. */
export interface TopicModel {
  choice: ModelChoice;
  temperature: number;
  logistic?: LogisticWeights;
  cv: {
    folds: number;
    rows: number;
    accuracy: number;
    siteAccuracy?: number;
    nll: number;
    candidates: Array<{ name: string; accuracy: number; nll: number }>;
  };
  /** Where training time went (ms): kNN and logistic cross-validation, scoring + temperature fits, the final fit. */
  ms?: { knnCv: number; logisticCv: number; choice: number; finalFit: number };
}
