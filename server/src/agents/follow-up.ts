import { AsyncLocalStorage } from 'node:async_hooks';
import type { Message } from 'switchboard-chat/protocol';
import type { KnowledgeSearch } from '../knowledge/types.js';
import { wrapSearch } from '../knowledge/wrap-search.js';
import { DEFAULT_CONTEXT, isElliptic, opensLikeFollowUp, pointsBack, type ContextOptions } from './context.js';
import { contentWords } from './coverage.js';

/** What the previous turn left behind for a follow-up: the question it answered and the articles it cited. */
export interface Previous {
  /** The previous customer question(s) the follow-up continues, oldest first. */
  questions: string[];
  /** Documents cited by the last AI reply (its answer's article first), or the article a suggestion button named. */
  docs: string[];
  /** Titles of those documents (and headings), to tell the topic of the previous question from its slot. */
  titles: string[];
  /** The suggestion button this message is a click on (its documents are looked up by title). */
  suggested?: string;
  /** The message asks a whole question of its own about the same article: prefer the article, keep the words. */
  complete?: boolean;
}

/**
 * The previous turn, when the last AI reply came after the last customer message: its question and cited articles.
 * A click on a suggestion button (its text is an offered title) continues the question that was being clarified.
 */
export function previousTurn(
  text: string,
  history: Message[],
  o: ContextOptions = DEFAULT_CONTEXT,
): Previous | undefined {
  const customers = history.filter((m) => m.role === 'customer' && !m.meta?.internal);
  const previous = customers.at(-1);
  const lastAi = [...history].reverse().find((m) => m.role === 'ai');
  if (!previous || !lastAi || lastAi.seq < previous.seq) return undefined;
  const suggested = (lastAi.meta?.suggestions as string[] | undefined)?.find(
    (s) => s.trim().toLowerCase() === text.trim().toLowerCase(),
  );
  const sources = lastAi.sources ?? [];
  const docs = suggested ? [] : sources.slice(0, 1).map((s) => s.id);
  const titles = suggested ? [suggested] : sources.slice(0, 1).map((s) => s.title);
  const before = customers.at(-2);
  // A follow-up of a follow-up ("shes 17 tho" → "what about a day pass?") goes back to the question that started it.
  const chained = before && isElliptic(previous.text, o);
  return {
    questions: chained ? [before.text, previous.text] : [previous.text],
    docs,
    titles,
    ...(suggested ? { suggested } : {}),
  };
}

// Words that point back or carry no topic of their own: a follow-up made only of these has no slot to substitute.
const POINTING = new Set(
  'and also about then so but ok okay that this those these they them it one she he her him there extra tho though if else again just still yes y et und aber pero eso esto ça cela das dies'
    .split(' ')
    .map((w) => contentWords(w)[0] ?? w),
);
// The words that say what kind of fact is asked ("how much", "how long"): kept when the slot is substituted.
const FRAME = new Set(
  'much long many often soon far cost price fee charge pay time when'.split(' ').map((w) => contentWords(w)[0] ?? w),
);

/** The follow-up's own slot words: what it puts in place of the previous question's (a new plan, place, number, person). */
export function ownWords(text: string): string[] {
  return contentWords(text).filter((w) => !POINTING.has(w) && !FRAME.has(w));
}

/**
 * The question a follow-up stands for. When it brings its own slot ("and for students?" after "how much is off-peak?"),
 * the slot replaces the previous question's: the previous question keeps its frame ("how much") and the words of the
 * cited article's title (its topic, "membership"), drops its other content words ("off peak") and takes the new ones.
 * Without a slot of its own, or pointing back ("how long does that take?"), it asks a new thing about the same topic: the previous
 * question comes first and the new message, which decides what kind of fact is wanted, twice after it.
 * @example rewriteFollowUp('and for students?', { questions: ['how much is off peak membership'], docs: [], titles: ['Membership types'] })
 * // 'how much is membership and for students?'
 */
export function rewriteFollowUp(text: string, previous: Previous, language?: string): string {
  const own = ownWords(text);
  const before = previous.questions.map((q) => q.slice(0, 500)).join(' ');
  const earlier = new Set(contentWords(before));
  const append = `${before} ${text} ${text}`;
  // "how long does that take?" points back at the old topic; "and for students?" replaces the old slot. Other
  // languages are bridged word by word (glossary), so their follow-ups keep the whole previous question.
  if (
    (language && language !== 'en') ||
    previous.questions.length > 1 ||
    pointsBack(text) ||
    !own.some((w) => !earlier.has(w))
  )
    return append;
  // The article's title, not the section heading: "Membership types › Off-Peak" names the old slot, not the topic.
  const topic = new Set(contentWords(previous.titles.map((t) => t.split('›')[0]).join(' ')));
  const first = previous.questions[0].slice(0, 500);
  const words = first.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (!words.some((w) => topic.has(contentWords(w)[0] ?? ''))) return append;
  const kept = words.filter((w) => {
    const c = contentWords(w)[0];
    return c === undefined || topic.has(c) || FRAME.has(c);
  });
  return `${kept.join(' ')} ${text}`;
}

// The kind of fact a question asks for, as the previous question put it; a bare "and for students?" asks the same kind.
const ASKS = /\b(how (much|long|many|often|soon|far)|what time|when)\b/i;
// A question word or verb of its own ("do they expire?", "can I …"): the follow-up says itself what it asks.
const OWN_QUESTION =
  /(?<![\p{L}])(how|what|when|where|which|who|why|whats|do|does|did|is|are|can|could|will|would|should|have|has)(?![\p{L}])/iu;

/**
 * The words that pick a follow-up's answer unit: its own, which say what is asked now ("how long does that take to kick
 * in?"), not the previous question's, which only found the article. A bare continuation ("and unlimited?") borrows
 * the kind of fact the previous question asked for ("how much").
 */
export function focusOf(text: string, previous: Previous): string {
  if (!opensLikeFollowUp(text) || OWN_QUESTION.test(text.replace(/^\W*\p{L}+/u, ''))) return text;
  const asks = previous.questions.join(' ').match(ASKS);
  return asks ? `${asks[0]} ${text}` : text;
}

interface CitedContext {
  docs: Set<string>;
}

const current = new AsyncLocalStorage<CitedContext>();

/** Run `fn` with the previously cited documents preferred by `preferCited` searches made inside it. */
export function withCited<T>(docs: string[], fn: () => Promise<T>): Promise<T> {
  return docs.length ? current.run({ docs: new Set(docs) }, fn) : fn();
}

/** How many of the cited article's passages a follow-up's search puts first. */
const CITED_HITS = 3;

/**
 * A knowledge base that, for a follow-up, puts the best passages of the article just cited before the other hits:
 * "and for students?" is most likely answered by the same article, though the answer model still weighs every unit.
 * Searches restricted by tags (a language's own articles) are left as they are.
 */
export function preferCited(inner: KnowledgeSearch): KnowledgeSearch {
  return wrapSearch(inner, async (query, options) => {
    const context = current.getStore();
    const hits = await inner.search(query, options);
    if (!context || options.tags) return hits;
    // A wide search (no title collapsing) finds the cited article's passages even when other articles outrank them.
    const wide = await inner.search(query, { ...options, limit: 40, collapse: false });
    const cited = wide.filter((h) => context.docs.has(h.chunk.docId)).slice(0, CITED_HITS);
    if (!cited.length) return hits;
    const ids = new Set(cited.map((h) => h.chunk.id));
    return [...cited, ...hits.filter((h) => !ids.has(h.chunk.id))].slice(0, Math.max(options.limit ?? 5, cited.length));
  });
}
