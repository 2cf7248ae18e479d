/** Normalise a query for cache keys: case, spacing and trailing punctuation do not matter. */
export function cacheKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/, '')
    .trim();
}
