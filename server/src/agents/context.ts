/** How a follow-up is recognised and how much of the conversation it carries along. */
export interface ContextOptions {
  /** A message of at most this many words, after an answer, continues the previous question. */
  maxWords: number;
  /** Longer messages still continue it when they open like a follow-up ("and …", "what if …") or point back ("that", "it"). */
  maxWordsWithCue: number;
}

export const DEFAULT_CONTEXT: ContextOptions = { maxWords: 5, maxWordsWithCue: 12 };

// Openers and pointers that make a message lean on the previous one, in the five shipped languages.
const OPENER =
  /^(and|also|what about|how about|what if|but|so|ok(ay)?|then|y|e|o|pero|¿y|et|mais|alors|und|aber|oder|و)(?![\p{L}])/iu;
const POINTER =
  /(?<![\p{L}])(that|this|it|those|these|they|them|one|she|he|her|him|there|then|extra|eso|esto|ello|ella|él|ça|cela|celui|das|dies|dort|ذلك|هذا)(?![\p{L}])/iu;

// Words, not punctuation: "… de 13 et 15 ans ?" is 12 words, not 13.
const words = (text: string) =>
  text
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));

/** True when a message points back at something said before ("that", "it", "her", "eso", "das"). */
export const pointsBack = (text: string) => POINTER.test(text);

/** True when a message opens like a continuation ("and …", "what about …", "¿y …", "et …"). */
export const opensLikeFollowUp = (text: string) => OPENER.test(text.trim());

/** True when a message only makes sense with the previous question ("how much extra?", "and for Scotland?"). */
export function isElliptic(text: string, o: ContextOptions = DEFAULT_CONTEXT): boolean {
  const n = words(text).length;
  if (n === 0) return false;
  if (n <= o.maxWords) return true;
  return n <= o.maxWordsWithCue && (OPENER.test(text.trim()) || POINTER.test(text));
}
