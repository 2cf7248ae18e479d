/**
 * The agents file's `answering` defaults: when a retrieved passage is relevant enough to answer with. The answer
 * confidence threshold is left out: it belongs to the fitted answer model, and the agent layer fills it in.
 */
export const DEFAULT_ANSWERING = {
  minSimilarity: 0.38,
  strongSimilarity: 0.6,
  minCoverage: 0.6,
  maxSentences: 4,
  fallback: true,
  candidates: 6,
  scopeConfidence: 0.5,
};
