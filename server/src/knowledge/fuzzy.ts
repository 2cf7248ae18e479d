/** Most edits allowed for a word of this length: none for short words, where one edit makes another word ("cat"/"car"). */
export const maxEdits = (length: number): number => (length < 5 ? 0 : length < 8 ? 1 : 2);

/**
 * Optimal-string-alignment distance (Levenshtein plus swapping two neighbours, the commonest typo: "phnoe"), or
 * `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The indexed term closest to a word the index does not know, within `maxEdits`; among equally close terms the one in
 * most documents (the likelier intended word). Words with digits ("50gb", "0845") are never corrected.
 */
export function nearestTerm(word: string, terms: Map<string, { live: number }>): string | undefined {
  const limit = maxEdits(word.length);
  if (!limit || /\d/.test(word)) return undefined;
  let found: string | undefined;
  let foundDistance = limit + 1;
  let foundDf = 0;
  for (const [term, { live }] of terms) {
    if (!live || Math.abs(term.length - word.length) > limit || (term[0] !== word[0] && limit < 2)) continue;
    const d = editDistance(word, term, Math.min(limit, foundDistance));
    if (d < foundDistance || (d === foundDistance && d <= limit && live > foundDf)) {
      found = term;
      foundDistance = d;
      foundDf = live;
    }
  }
  return foundDistance <= limit ? found : undefined;
}
