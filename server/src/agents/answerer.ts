import type { Source } from 'switchboard-chat/protocol';
import type { KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import type { AgentConfig } from '../router/config.js';

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
}

export const DEFAULT_RELEVANCE: RelevanceOptions = { minSimilarity: 0.38, strongSimilarity: 0.6, minCoverage: 0.6, maxSentences: 4, fallback: true };

const FILLER = new Set('a an the i me my we you your it is are was be do does did can could would should will how what when where why who which to of in on at for with and or not no this that there here have has get got please hi hello thanks want need'.split(' '));
const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '');
const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !FILLER.has(w)).map(stem);

/** Share of the query's content words that occur in the passage (title and heading included). */
export function coverage(query: string, passage: string): number {
  const q = [...new Set(words(query))];
  if (!q.length) return 0;
  const p = new Set(words(passage));
  return q.filter((w) => p.has(w)).length / q.length;
}

export interface Answer {
  text?: string;
  sources: Source[];
  /** The relevant passages, for generation. */
  passages: Array<{ id: string; title: string; text: string }>;
  /** Nothing relevant was found: a knowledge-base gap. */
  gap: boolean;
}

/** Keep the first sentences of a passage, so answers stay short and readable. */
export function trimPassage(text: string, maxSentences: number): string {
  const sentences = text.match(/[^.!?\n]+[.!?]+["')\]]*|[^.!?\n]+$/g) ?? [text];
  const out = sentences.slice(0, maxSentences).join(' ').replace(/\s+/g, ' ').trim();
  return out.length < text.trim().length ? `${out}${/[.!?]$/.test(out) ? '' : '…'}` : out;
}

/** The relevant hits, best first. */
export function relevantHits(query: string, hits: SearchHit[], o: RelevanceOptions): SearchHit[] {
  return hits.filter((h) => {
    const similarity = h.similarity ?? 0;
    if (similarity >= o.strongSimilarity) return true;
    const covered = coverage(query, `${h.chunk.title} ${h.chunk.heading} ${h.chunk.text}`);
    return covered >= o.minCoverage || (similarity >= o.minSimilarity && covered > 0);
  });
}

/**
 * An extractive answer: the best passage from the agent's own collections, lightly trimmed, with citations.
 * When nothing is relevant it says so instead of inventing anything.
 */
export async function extractiveAnswer(knowledge: KnowledgeSearch | undefined, agent: AgentConfig, text: string, vector: Float32Array | undefined, o: RelevanceOptions = DEFAULT_RELEVANCE): Promise<Answer> {
  if (!knowledge) return { sources: [], passages: [], gap: true };
  const hits = relevantHits(text, await knowledge.search(text, { collections: agent.collections.length ? agent.collections : undefined, tags: agent.tags, vector, limit: 3 }), o);
  if (!hits.length) return { sources: [], passages: [], gap: true };
  const best = hits[0].chunk;
  const sources: Source[] = [];
  for (const h of hits) {
    if (sources.some((s) => s.id === h.chunk.docId)) continue;
    sources.push({ id: h.chunk.docId, title: h.chunk.heading ? `${h.chunk.title} › ${h.chunk.heading}` : h.chunk.title, ...(h.chunk.url ? { url: h.chunk.url } : {}) });
  }
  const passages = hits.map((h) => ({ id: h.chunk.docId, title: h.chunk.title, text: h.chunk.text }));
  return { text: trimPassage(best.text, o.maxSentences), sources: sources.slice(0, 2), passages, gap: false };
}
