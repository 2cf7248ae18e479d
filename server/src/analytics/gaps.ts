const STOP = new Set(
  'a an the i my me to how do does can could you your is are was of for on in at it this that what where when why with and or be have has please hi hello'.split(
    ' ',
  ),
);

function terms(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.replace(/(ing|ed|es|s)$/, '')),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / Math.max(1, a.size + b.size - inter);
}

/** Group unanswered questions by shared words, biggest group first, so the owner sees which articles to write. */
export function gapGroups(
  questions: string[],
  threshold = 0.3,
): Array<{ question: string; count: number; examples: string[] }> {
  const groups: Array<{ terms: Set<string>; texts: string[] }> = [];
  for (const q of questions) {
    const t = terms(q);
    const g = groups.find((x) => jaccard(x.terms, t) >= threshold);
    if (g) {
      g.texts.push(q);
      for (const w of t) g.terms.add(w);
    } else groups.push({ terms: t, texts: [q] });
  }
  return groups
    .sort((a, b) => b.texts.length - a.texts.length)
    .slice(0, 20)
    .map((g) => ({ question: g.texts[0], count: g.texts.length, examples: [...new Set(g.texts)].slice(0, 5) }));
}
