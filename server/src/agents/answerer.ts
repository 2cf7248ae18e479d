import type { Source } from 'switchboard-chat/protocol';
import type { KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import type { AgentConfig } from '../router/config.js';
import type { AnswerTraits } from './types.js';
import { coverage } from './coverage.js';
import { partQuery, questionParts } from './questions.js';
import { DEFAULT_ANSWERING } from '../router/answering.js';
import { rerank, RERANK_MODEL, withHeadSimilarity, type RankedHit } from './rerank.js';
import { ANSWER_MODEL, scoreCandidates, selectAnswer, type Candidate, type Selection } from './select.js';

/**
 * When a hit counts as relevant: a strong cosine similarity alone; enough of the query's content words in the passage
 * alone; or a moderate similarity backed by at least one shared content word. The last rule exists because small
 * embedders rate unrelated passages of the same domain moderately high ("export my data" vs "storage full": 0.53).
 */
export interface RelevanceOptions {
  /** Cosine similarity that counts only together with a shared content word. */
  minSimilarity: number;
  /** Cosine similarity that counts on its own. */
  strongSimilarity: number;
  /** Share of the query's content words found in the passage (scale-free, unlike raw BM25 scores). */
  minCoverage: number;
  /** Sentences of the best passage in an extractive answer. */
  maxSentences: number;
  /** When the routed agent's collections have nothing relevant, let the next agent (in routing order) whose collections do answer. */
  fallback: boolean;
  /** Hits whose sections are searched for the best answer unit. */
  candidates: number;
  /** Answer confidence below which an answer is a guess (the "dialog" layer asks instead of answering). */
  answerThreshold: number;
  /** Answer confidence from which a help-centre answer overrules the router's out-of-scope verdict (besides a strong match). */
  scopeConfidence: number;
}

/** The agents file's `answering` defaults, with the fitted answer model's threshold. */
export const DEFAULT_RELEVANCE: RelevanceOptions = { ...DEFAULT_ANSWERING, answerThreshold: ANSWER_MODEL.threshold };

export { coverage };

export interface Answer {
  text?: string;
  sources: Source[];
  /** The relevant passages, for generation. */
  passages: Array<{ id: string; title: string; text: string }>;
  /** Nothing relevant was found: a knowledge-base gap. */
  gap: boolean;
  /** Probability that this answer is right (calibrated; see `select.ts`). */
  confidence?: number;
  /** The answer-level traits the pipeline calibration reads (the dialog adds its own). */
  traits?: Pick<AnswerTraits, 'model' | 'margin' | 'share' | 'unit' | 'parts'>;
}

/** Keep the first sentences of a passage, so answers stay short and readable. */
export function trimPassage(text: string, maxSentences: number): string {
  const sentences = text.match(/[^.!?\n]+[.!?]+["')\]]*|[^.!?\n]+$/g) ?? [text];
  const out = sentences.slice(0, maxSentences).join(' ').replace(/\s+/g, ' ').trim();
  return out.length < text.trim().length ? `${out}${/[.!?]$/.test(out) ? '' : '…'}` : out;
}

/** The relevant hits, best first. */
export function relevantHits<H extends SearchHit>(query: string, hits: H[], o: RelevanceOptions): H[] {
  return hits.filter((h) => {
    const similarity = h.similarity ?? 0;
    if (similarity >= o.strongSimilarity) return true;
    const covered = coverage(query, `${h.chunk.title} ${h.chunk.heading} ${h.chunk.text}`);
    return covered >= o.minCoverage || (similarity >= o.minSimilarity && covered > 0);
  });
}

/**
 * The candidate hits of a question: the top chunks of first-stage retrieval reordered by the learned reranker
 * (`rerank.ts`), then (unless `all`) only the relevant ones, at most `o.candidates`.
 */
export async function candidateHits(
  knowledge: KnowledgeSearch,
  text: string,
  scope: { collections?: string[]; tags?: string[]; vector?: Float32Array },
  o: RelevanceOptions,
  all = false,
): Promise<RankedHit[]> {
  const first = await knowledge.search(text, { ...scope, limit: Math.max(RERANK_MODEL.depth, o.candidates) });
  const ranked = rerank(text, await withHeadSimilarity(knowledge, text, scope.vector, first));
  return (all ? ranked : relevantHits(text, ranked, o)).slice(0, o.candidates);
}

/**
 * The candidate units scored for the whole query and, for a follow-up, for its own words too: the context found the
 * article, but "how long does that take to kick in?" asks for a different unit than the question it follows.
 */
async function focused(
  knowledge: KnowledgeSearch,
  text: string,
  vector: Float32Array | undefined,
  hits: RankedHit[],
  focus: string | undefined,
): Promise<Candidate[]> {
  const scored = await scoreCandidates(knowledge, text, vector, hits);
  if (!focus || focus === text) return scored;
  const own = await scoreCandidates(knowledge, focus, undefined, hits);
  return scored.map((c, i) => ({ ...c, p: Math.sqrt(c.p * own[i].p) }));
}

/**
 * An extractive answer: the best passage from the agent's own collections, lightly trimmed, with citations.
 * When nothing is relevant it says so instead of inventing anything.
 */
export async function extractiveAnswer(
  knowledge: KnowledgeSearch | undefined,
  agent: AgentConfig,
  text: string,
  vector: Float32Array | undefined,
  o: RelevanceOptions = DEFAULT_RELEVANCE,
  focus?: string,
): Promise<Answer> {
  if (!knowledge) return { sources: [], passages: [], gap: true };
  const hits = await candidateHits(
    knowledge,
    text,
    { collections: agent.collections.length ? agent.collections : undefined, tags: agent.tags, vector },
    o,
  );
  if (!hits.length) return { sources: [], passages: [], gap: true };
  // The best answer unit (sentence, list, table row) among the sections of the relevant hits, not the top chunk's start.
  let chosen: (Selection & { parts?: number }) | undefined = selectAnswer(
    await focused(knowledge, text, vector, hits, focus),
  );
  // Two questions in one message: each part gets its own best unit (and source); the reply is right only if both are.
  const parts = questionParts(text).slice(0, 3);
  if (chosen && parts.length > 1) {
    const each = (
      await Promise.all(
        parts.map(async (_, i) => selectAnswer(await scoreCandidates(knowledge, partQuery(parts, i), undefined, hits))),
      )
    ).filter((x) => x !== undefined);
    const distinct = each.filter((x, i) => each.findIndex((y) => y.text === x.text) === i);
    if (distinct.length > 1)
      chosen = {
        best: distinct[0].best,
        text: distinct.map((x) => x.text).join('\n\n'),
        confidence: Math.round(distinct.reduce((p, x) => p * x.confidence, 1) * 1000) / 1000,
        margin: Math.min(...distinct.map((x) => x.margin)),
        also: distinct.slice(1).map((x) => x.best.hit),
        parts: distinct.length,
      };
  }
  const top = chosen?.best.hit ?? hits[0];
  const cited = [top, ...(chosen?.also ?? [])];
  const ordered = [...cited, ...hits.filter((h) => !cited.includes(h))];
  const sources: Source[] = [];
  for (const h of ordered) {
    if (sources.some((s) => s.id === h.chunk.docId)) continue;
    sources.push({
      id: h.chunk.docId,
      title: h.chunk.heading ? `${h.chunk.title} › ${h.chunk.heading}` : h.chunk.title,
      ...(h.chunk.url ? { url: h.chunk.url } : {}),
    });
  }
  const passages = ordered.map((h) => ({ id: h.chunk.docId, title: h.chunk.title, text: h.chunk.text }));
  const answer = chosen ? chosen.text : trimPassage(top.chunk.text, o.maxSentences);
  const traits = chosen && {
    model: chosen.confidence,
    margin: Math.round(chosen.margin * 1000) / 1000,
    share: Math.round((chosen.best.hit.share ?? 0) * 1000) / 1000,
    unit: chosen.best.unit.kind,
    parts: chosen.parts ?? 1,
  };
  return {
    text: answer,
    sources: sources.slice(0, 2),
    passages,
    gap: false,
    confidence: chosen?.confidence,
    ...(traits ? { traits } : {}),
  };
}
