import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Chunk, KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import { answerUnits, sectionText, type AnswerUnit } from '../knowledge/units.js';
import { contentWords, coverage } from './coverage.js';
import { logit, predict, sigmoid } from './logistic.js';

/** The features of one candidate answer unit, in the order the model's weights use. */
export const UNIT_FEATURES = [
  'cos_unit',
  'cos_chunk',
  'hit_score',
  'hit_rank',
  'cov_unit',
  'cov_ctx',
  'cov_head',
  'intro',
  'first',
  'length',
  'list',
  'row',
  'type_match',
  'type_missing',
  'numbers',
  'cov_idf',
  'article',
] as const;

/**
 * What kind of fact a question asks for, and how a unit that states one looks: "how much" wants an amount, "how long"
 * a duration or time, "what number" a phone number, e-mail or web address, "how do I" steps. English, Spanish, German
 * and French cue words, because the customer may ask in any of the widget's languages.
 */
const ANSWER_TYPES: Array<{ asks: RegExp; states: RegExp }> = [
  // "How much is it?" wants the amount itself: "free" or "no extra cost" in passing is not a price.
  {
    asks: /\b(how much|cost|costs|price|prices|expensive|cheap\w*)\b|cu[aá]nto (cuesta|cobr|vale|pag)|precio|combien|co[uû]te?|prix|kostet|wie viel|preis/i,
    states: /[£€$] ?\d|\d ?(€|£|p\b|pence|euros?)/i,
  },
  // "Is there a fee?", "do I pay extra?" is answered by an amount or by "free" / "no charge".
  {
    asks: /\b(fee|fees|charge|charged|pay|extra|free)\b|cobran?|gratis|gratuit|frais|geb[uü]hr|kostenlos/i,
    states: /[£€$] ?\d|\d ?(€|£|p\b|pence|euros?|free\b)|\bfree\b|no (extra )?(charge|cost|fee)/i,
  },
  {
    asks: /\b(how long|how soon|how fast|how quickly|when|what time|how many days|open|close|hours)\b|cu[aá]ndo|cu[aá]nto tiempo|horario|quand|combien de temps|horaires?|wann|wie lange|öffnungszeit/i,
    states:
      /\d+ ?(working |business |full )?(days?|hours?|minutes?|mins?|weeks?|months?|years?)\b|\d{1,2}[:.]\d{2}|\b\d{1,2} ?(am|pm)\b|\b(same day|next (working )?day|immediately|straight away|within)\b/i,
  },
  {
    asks: /\b(phone number|number|call|ring|e-?mail|contact|address|website|link)\b|n[uú]mero|tel[eé]fono|llamar|correo|num[eé]ro|appeler|adresse|nummer|anrufen/i,
    states: /\d{3,}[\s-]?\d{3,}|@[\w-]+\.|\b[\w-]+\.(ie|com|co\.uk|example|org|net)\b/i,
  },
  {
    asks: /\bhow (do|can|to|should) (i|we|you)\b|\bsteps?\b|c[oó]mo (puedo|hago|se)|comment (je|faire|puis)|wie (kann|mache)/i,
    states: /\n\d[.)] |\b(tap|go to|open|select|choose|click|press)\b|>|›/i,
  },
];
const NUMBER = /\d+(?:[.,]\d+)?/g;

/** The answer model: unit scorer and confidence calibration, fitted by `cli/fit-answer-model.ts` (versioned JSON). */
export const answerModelSchema = z.object({
  version: z.string(),
  features: z.array(z.string()),
  unit: z.object({ weights: z.array(z.number()), bias: z.number() }),
  /** Platt scaling of the chosen unit: confidence = σ(a·logit(p_best) + m·margin + r·article share + c). */
  confidence: z.object({ a: z.number(), m: z.number(), r: z.number().default(0), c: z.number() }),
  /** Below this answer confidence the reply is a guess: callers should ask or hand over instead. */
  threshold: z.number().min(0).max(1),
  /** Whether `cos_unit` compares the question with each unit's own vector (embedded lazily) or reuses the chunk's similarity. */
  unitVectors: z.boolean().default(false),
  fitted: z.record(z.unknown()).optional(),
});
export type AnswerModel = z.infer<typeof answerModelSchema>;

/** The shipped model. */
export const ANSWER_MODEL: AnswerModel = answerModelSchema.parse(
  JSON.parse(readFileSync(new URL('./answer-model.json', import.meta.url), 'utf8')),
);

/** One scored candidate unit with where it came from. */
export interface Candidate {
  /** The chunk's hit; `share` is the reranker's probability that its article is the right one, when it was reranked. */
  hit: SearchHit & { share?: number };
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

/** [1, 0] when the question asks for a kind of fact the unit states, [0, 1] when it asks and the unit states none, else [0, 0]. */
export function answerType(query: string, unit: string): [number, number] {
  const asked = ANSWER_TYPES.filter((t) => t.asks.test(query));
  if (!asked.length) return [0, 0];
  return asked.some((t) => t.states.test(unit)) ? [1, 0] : [0, 1];
}

/** Share of the question's numbers ("0845", "50gb", "17") that the unit repeats. */
function numbersShared(query: string, unit: string): number {
  const q = query.match(NUMBER);
  if (!q) return 0;
  const u = new Set(unit.match(NUMBER) ?? []);
  return q.filter((n) => u.has(n)).length / q.length;
}

/** Units of the section a hit belongs to (the whole section when the knowledge base can list a document's chunks). */
function sectionUnits(knowledge: KnowledgeSearch, chunk: Chunk): AnswerUnit[] {
  const text = knowledge.document ? sectionText(knowledge.document(chunk.docId), chunk) : chunk.text;
  return answerUnits(text);
}

/** Every unit of the sections of the given hits, with features and the model's probability of being the right answer. */
export async function scoreCandidates(
  knowledge: KnowledgeSearch,
  query: string,
  vector: Float32Array | undefined,
  hits: Array<SearchHit & { share?: number }>,
  model: AnswerModel = ANSWER_MODEL,
  o: { unitVectors?: boolean } = {},
): Promise<Candidate[]> {
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
  const vectors =
    vector && (o.unitVectors ?? model.unitVectors) && knowledge.embedPassages
      ? await knowledge.embedPassages(texts)
      : undefined;
  const maxScore = Math.max(1e-9, ...hits.map((h) => h.score));
  // Rare among the candidates = telling: a query word found in only one unit says more than one found in all of them.
  const unitWords = pending.map((c) => new Set(contentWords(c.unit.text)));
  const queryWords = [...new Set(contentWords(query))];
  const idf = new Map(
    queryWords.map((w) => [w, Math.log(1 + pending.length / (1 + unitWords.filter((u) => u.has(w)).length))]),
  );
  const idfTotal = [...idf.values()].reduce((a, b) => a + b, 0) || 1;
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
      ...answerType(query, c.unit.text),
      numbersShared(query, c.unit.text),
      queryWords.reduce((t, w) => t + (unitWords[i].has(w) ? idf.get(w)! : 0), 0) / idfTotal,
      // The reranker's probability that the unit's article is the right one (0 for hits that were not reranked).
      c.hit.share ?? 0,
    ];
    const { rank: _rank, ...rest } = c;
    return { ...rest, features, p: predict(model.unit, features) };
  });
}

/** The answer confidence of a chosen unit: probability `p`, margin over the best rival section, the reranker's article share. */
export const calibrated = (p: number, margin: number, share = 0, model: AnswerModel = ANSWER_MODEL) =>
  sigmoid(
    model.confidence.a * logit(p) + model.confidence.m * margin + model.confidence.r * share + model.confidence.c,
  );

/** The best candidate and its margin over the best one from another section. */
export function rank(candidates: Candidate[]): { best: Candidate; margin: number } | undefined {
  const sorted = [...candidates].sort((a, b) => b.p - a.p);
  if (!sorted.length) return undefined;
  const best = sorted[0];
  const rival = sorted.find(
    (c) => c.hit.chunk.docId !== best.hit.chunk.docId || c.hit.chunk.heading !== best.hit.chunk.heading,
  );
  return { best, margin: best.p - (rival?.p ?? 0) };
}

/**
 * The reply a candidate gives: a short run of adjacent units starting at it. Following units of the same section are
 * added until the reply has about 30 content words (at most 3 units), because the next sentence often holds the
 * condition or the second fact of the answer; a table row or table stands alone (its neighbours are other cases), and
 * only a lead-in ending with a colon runs on into a table.
 */
export function replyText(c: Candidate): string {
  const out = [c.unit.text];
  let words = contentWords(c.unit.text).length;
  const alone = c.unit.kind === 'row' || c.unit.kind === 'table';
  for (
    let i = c.unit.index + 1;
    !alone && i < c.section.length && out.length < 3 && (words < 30 || /[:：]$/.test(out.at(-1)!));
    i++
  ) {
    const next = c.section[i];
    if (next.kind === 'row' || (next.kind === 'table' && !/[:：]$/.test(out.at(-1)!))) break;
    if (next.kind === 'table') {
      out.push(next.text);
      break;
    }
    out.push(c.section[i].text);
    words += contentWords(c.section[i].text).length;
  }
  return out.join('\n');
}

/** The chosen reply passage and its calibrated confidence. */
export interface Selection {
  best: Candidate;
  text: string;
  confidence: number;
  /** The best unit's probability margin over the best unit of another section. */
  margin: number;
  /** Hits of further parts of a multi-question answer, cited after `best`. */
  also?: SearchHit[];
}

/**
 * Pick the most probable unit and answer with the run of units that starts there, so an answer is never
 * "You can cancel in any of these ways:" alone. Confidence is the Platt-scaled probability plus the margin over the
 * best unit from another section (two sections that both look right make either less certain).
 */
export function selectAnswer(candidates: Candidate[], model: AnswerModel = ANSWER_MODEL): Selection | undefined {
  const ranked = rank(candidates);
  if (!ranked) return undefined;
  const { best, margin } = ranked;
  const text = replyText(best);
  const confidence = calibrated(best.p, margin, best.hit.share ?? 0, model);
  return { best, text, confidence: Math.round(confidence * 1000) / 1000, margin };
}
