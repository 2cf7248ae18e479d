import type { Message } from 'switchboard-chat/protocol';

/** How a follow-up is recognised and how much of the conversation it carries along. */
export interface ContextOptions {
  /** A message of at most this many words, after an answer, continues the previous question. */
  maxWords: number;
  /** Longer messages still continue it when they open like a follow-up ("and …", "what if …") or point back ("that", "it"). */
  maxWordsWithCue: number;
}

export const DEFAULT_CONTEXT: ContextOptions = { maxWords: 5, maxWordsWithCue: 12 };

// Openers and pointers that make a message lean on the previous one, in the five shipped languages.
const OPENER = /^(and|also|what about|how about|what if|but|so|ok(ay)?|then|y|e|o|pero|¿y|et|mais|alors|und|aber|oder|و)(?![\p{L}])/iu;
const POINTER = /(?<![\p{L}])(that|this|it|those|these|they|them|one|she|he|her|him|there|then|extra|eso|esto|ello|ella|él|ça|cela|celui|das|dies|dort|ذلك|هذا)(?![\p{L}])/iu;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** True when a message only makes sense with the previous question ("how much extra?", "and for Scotland?"). */
export function isElliptic(text: string, o: ContextOptions = DEFAULT_CONTEXT): boolean {
  const n = words(text).length;
  if (n === 0) return false;
  if (n <= o.maxWords) return true;
  return n <= o.maxWordsWithCue && (OPENER.test(text.trim()) || POINTER.test(text));
}

/**
 * The text to route and search for a follow-up: the previous customer question (and the one before it when that was
 * a follow-up too) followed by the new message, which comes last and twice so its own words weigh most.
 * Undefined when the message stands alone or nothing was answered before.
 * @example contextualQuery('how much extra?', history) // 'do you deliver to the highlands? how much extra? how much extra?'
 */
export function contextualQuery(text: string, history: Message[] = [], o: ContextOptions = DEFAULT_CONTEXT): string | undefined {
  if (!isElliptic(text, o)) return undefined;
  const customers = history.filter((m) => m.role === 'customer' && !m.meta?.internal);
  const previous = customers.at(-1);
  if (!previous || !history.some((m) => m.role === 'ai' && m.seq > previous.seq)) return undefined;
  const before = customers.at(-2);
  const chain = before && isElliptic(previous.text, o) ? [before.text, previous.text] : [previous.text];
  return [...chain.map(clip), text, text].join(' ');
}

const clip = (text: string) => text.slice(0, 500);
