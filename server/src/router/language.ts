import { createDetector } from './language-ngrams.js';

/** The languages the product ships phrases and widget strings for (ISO 639-1). */
export const SUPPORTED_LANGUAGES = ['en', 'es', 'fr', 'de', 'ar'] as const;

// Only the shipped languages compete: on a short message a wider set confuses neighbours (es → pt, de → nl). The
// other 55 languages' scores are dropped as the table is read (language-ngrams.ts): 6 MB of heap, against 61 MB for
// eld's whole module and 18 MB for its module pruned in place.
const eld = await createDetector(SUPPORTED_LANGUAGES);

/** A short text's best score must lead the runner-up by this much when eld itself calls the result unreliable. */
const SHORT_TEXT_MARGIN = 0.1;
const SHORT_TEXT_MIN_SCORE = 0.75;

/**
 * Detect the language of a message (ISO 639-1) with the n-gram detector eld, or undefined when the text is too short
 * or too mixed to tell. Character n-grams see the whole word, so one-letter words ("a", "y") no longer decide.
 * @example detectLanguage('¿Hacen envíos a Irlanda?') // 'es'
 */
export function detectLanguage(text: string): string | undefined {
  if (/[\u0600-\u06FF]/.test(text)) return 'ar';
  if (!/\p{L}/u.test(text)) return undefined;
  const result = eld.detect(text.slice(0, 1000));
  if (!result.language) return undefined;
  if (result.isReliable()) return result.language;
  // eld is cautious on one or two words ("gracias", "how much"); a clear lead is still an answer.
  const [first, second] = Object.values(result.getScores()).sort((a, b) => b - a);
  return first >= SHORT_TEXT_MIN_SCORE && first - (second ?? 0) >= SHORT_TEXT_MARGIN ? result.language : undefined;
}
