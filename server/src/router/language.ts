import { eld } from 'eld/medium';

/** The languages the product ships phrases and widget strings for (ISO 639-1). */
export const SUPPORTED_LANGUAGES = ['en', 'es', 'fr', 'de', 'ar'] as const;

// Only the shipped languages compete: on a short message a wider set confuses neighbours (es → pt, de → nl).
eld.setLanguageSubset([...SUPPORTED_LANGUAGES]);
await pruneNgrams(SUPPORTED_LANGUAGES);

type NgramTable = { languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };

/**
 * Drop the other 55 languages' scores from eld's n-gram table: 43 MB less heap (61 → 18 MB). eld scores each
 * language on its own entries and filters the result to the subset, so detection is unchanged (checked in
 * language.test.ts). eld does not export its table; it is reached by its path next to the entry point, and left whole
 * when that fails (a different eld layout).
 */
async function pruneNgrams(keep: readonly string[]): Promise<void> {
  try {
    const { ngramsData } = (await import(new URL('../ngrams/medium.js', import.meta.resolve('eld/medium')).href)) as {
      ngramsData: NgramTable;
    };
    const ids = new Set(
      Object.entries(ngramsData.languages)
        .filter(([, code]) => keep.includes(code))
        .map(([id]) => id),
    );
    const grams = ngramsData.ngrams;
    for (const gram in grams) {
      let kept: Record<string, number> | undefined;
      for (const id in grams[gram]) if (ids.has(id)) (kept ??= {})[id] = grams[gram][id];
      if (kept) grams[gram] = kept;
      else delete grams[gram];
    }
  } catch {
    // The whole table still works; it only costs memory.
  }
}

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
