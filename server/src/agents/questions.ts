import { sentences } from '../knowledge/units.js';
import { contentWords } from './coverage.js';

const QUESTION_START =
  /^(how|what|whats|when|where|which|who|why|can|could|do|does|did|is|are|will|would|should|may|any|cu[aá]nto|c[oó]mo|cu[aá]ndo|d[oó]nde|qu[eé]|puedo|combien|comment|quand|o[uù]|est-ce|wie|wann|wo|was|kann|gibt)\b/i;
// "… and how fast", "… and can I …": a second question joined without punctuation.
const JOINED =
  /\s+(?:and|also|plus|y|et|und)\s+(?=(?:how|what|whats|when|where|which|can|could|do|does|is|are|will|would|cu[aá]nto|c[oó]mo|cu[aá]ndo|combien|comment|quand|wie|wann|kann)\b)/i;

/**
 * The separate questions in a message ("how much is a replacement sim and how fast?"), so each gets its own answer.
 * A part counts when it ends with "?" or starts like a question and has at least two content words; one part or none
 * means the message is answered as a whole.
 */
export function questionParts(message: string): string[] {
  const pieces = sentences(message.replace(/\?\s*/g, '?\n').replace(/\n+/g, ' '))
    .flatMap((s) => s.split(/(?<=\?)\s+/))
    .flatMap((s) => s.split(JOINED));
  return pieces
    .map((p) => p.trim())
    .filter(
      (p) => (p.endsWith('?') || QUESTION_START.test(p)) && contentWords(p).length >= (QUESTION_START.test(p) ? 1 : 2),
    );
}

/** What to search for one part: a short part ("how fast") borrows the content words of the part before it. */
export function partQuery(parts: string[], i: number): string {
  return i > 0 && contentWords(parts[i]).length < 3 ? `${parts[i]} ${contentWords(parts[i - 1]).join(' ')}` : parts[i];
}
