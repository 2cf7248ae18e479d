import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Chunk, KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import { answerUnits, sectionText, type AnswerUnit } from '../knowledge/units.js';
import { contentWords, coverage } from './coverage.js';
import { logit, predict, sigmoid } from './logistic.js';

/** The features of one candidate answer unit, in the order the model's weights use. */
export const UNIT_FEATURES = ['cos_unit', 'cos_chunk', 'hit_score', 'hit_rank', 'cov_unit', 'cov_ctx', 'cov_head', 'intro', 'first', 'length', 'list', 'row'] as const;

/** The answer model: unit scorer and confidence calibration, fitted by `fit-answer-model.ts` (versioned JSON). */
export const answerModelSchema = z.object({
  version: z.string(),
  features: z.array(z.string()),
  unit: z.object({ weights: z.array(z.number()), bias: z.number() }),
  /** Platt scaling of the chosen unit: confidence = σ(a·logit(p_best) + m·margin + c). */
  confidence: z.object({ a: z.number(), m: z.number(), c: z.number() }),
  /** Below this answer confidence the reply is a guess: callers should ask or hand over instead. */
  threshold: z.number().min(0).max(1),
  fitted: z.record(z.unknown()).optional(),
});
export type AnswerModel = z.infer<typeof answerModelSchema>;

/** The shipped model. */
export const ANSWER_MODEL: AnswerModel = answerModelSchema.parse(JSON.parse(readFileSync(new URL('./answer-model.json', import.meta.url), 'utf8')));

/** One scored candidate unit with where it came from. */
export interface Candidate {
  hit: SearchHit;
  unit: AnswerUnit;
  /** The section's units, for extending the answer with a neighbour. */
  section: AnswerUnit[];
  features: number[];
  p: number;
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Units of the section a hit belongs to (the whole section when the knowledge base can list a document's chunks). */
function sectionUnits(knowledge: KnowledgeSearch, chunk: Chunk): AnswerUnit[] {
  const text = knowledge.document ? sectionText(knowledge.document(chunk.docId), chunk) : chunk.text;
  return answerUnits(text);
}

/** Every unit of the sections of the given hits, with features and the model's probability of being the right answer. */
export async function scoreCandidates(knowledge: KnowledgeSearch, query: string, vector: Float32Array | undefined, hits: SearchHit[], model: AnswerModel = ANSWER_MODEL): Promise<Candidate[]> {
  const seen = new Set<string>();
  const pending: Array<Omit<Candidate, 'features' | 'p'> & { rank: number }> = [];
  hits.forEach((hit, rank) => {
    const key = `${hit.chunk.docId}\u0000${hit.chunk.heading}`;
    if (seen.has(key)) return;
    seen.add(key);
    const section = sectionUnits(knowledge, hit.chunk);
    for (const unit of section) pending.push({ hit, unit, section, rank });
  });
  const texts = pending.map((c) => [c.hit.chunk.title, c.hit.chunk.heading, c.unit.text].filter(Boolean).join('. '));
  const vectors = vector && knowledge.embedPassages ? await knowledge.embedPassages(texts) : undefined;
  const maxScore = Math.max(1e-9, ...hits.map((h) => h.score));
  return pending.map((c, i) => {
    const { chunk } = c.hit;
    const head = `${chunk.title} ${chunk.heading}`;
    const features = [
      vectors ? dot(vector!, vectors[i]) : (c.hit.similarity ?? 0),
      c.hit.similarity ?? 0,
      c.hit.score / maxScore,
      1 / (1 + c.rank),
      coverage(query, c.unit.text),
      coverage(query, `${head} ${c.unit.text}`),
      coverage(query, head),
      chunk.heading ? 0 : 1,
      c.unit.index === 0 ? 1 : 0,
      Math.min(1, contentWords(c.unit.text).length / 30),
      c.unit.kind === 'list' ? 1 : 0,
      c.unit.kind === 'row' ? 1 : 0,
    ];
    const { rank: _rank, ...rest } = c;
    return { ...rest, features, p: predict(model.unit, features) };
  });
}

/** The answer confidence of a chosen unit with probability `p` and margin `margin` over the best rival section. */
export const calibrated = (p: number, margin: number, model: AnswerModel = ANSWER_MODEL) => sigmoid(model.confidence.a * logit(p) + model.confidence.m * margin + model.confidence.c);

/** The best candidate and its margin over the best one from another section. */
export function rank(candidates: Candidate[]): { best: Candidate; margin: number } | undefined {
  const sorted = [...candidates].sort((a, b) => b.p - a.p);
  if (!sorted.length) return undefined;
  const best = sorted[0];
  const rival = sorted.find((c) => c.hit.chunk.docId !== best.hit.chunk.docId || c.hit.chunk.heading !== best.hit.chunk.heading);
  return { best, margin: best.p - (rival?.p ?? 0) };
}

/** The reply a candidate gives: the unit, plus its next neighbour when the unit is a lead-in or very short. */
export function replyText(c: Candidate): string {
  const next = c.section[c.unit.index + 1];
  return next && (/[:：]$/.test(c.unit.text) || contentWords(c.unit.text).length < 6) ? `${c.unit.text}\n${next.text}` : c.unit.text;
}

/** The chosen reply passage and its calibrated confidence. */
export interface Selection {
  best: Candidate;
  text: string;
  confidence: number;
}

/**
 * Pick the most probable unit; a lead-in or a very short unit takes its next neighbour along, so an answer is never
 * "You can cancel in any of these ways:" alone. Confidence is the Platt-scaled probability plus the margin over the
 * best unit from another section (two sections that both look right make either less certain).
 */
export function selectAnswer(candidates: Candidate[], model: AnswerModel = ANSWER_MODEL): Selection | undefined {
  const ranked = rank(candidates);
  if (!ranked) return undefined;
  const { best, margin } = ranked;
  const text = replyText(best);
  const confidence = calibrated(best.p, margin, model);
  return { best, text, confidence: Math.round(confidence * 1000) / 1000 };
}
