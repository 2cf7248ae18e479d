/** Lower-case, strip accents-insensitive spacing and punctuation so phrases match across typing styles. */
export function normalizeForMatch(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}'\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

// Configured phrases are normalised once, not on every message.
const normalized = new Map<string, string>();
const phraseKey = (p: string) => {
  let n = normalized.get(p);
  if (n === undefined) normalized.set(p, (n = normalizeForMatch(p)));
  return n;
};

/** Phrases of `list` found in `text` as whole words. */
export function findPhrases(text: string, list: string[]): string[] {
  const t = normalizeForMatch(text);
  return list.filter((p) => t.includes(phraseKey(p)));
}

const compiled = new Map<string, RegExp>();

/** The matched text of every pattern of `list` (regular expressions, case-insensitive) found in `text`. */
export function findPatterns(text: string, list: string[]): string[] {
  const t = normalizeForMatch(text);
  const out: string[] = [];
  for (const source of list) {
    let re = compiled.get(source);
    if (!re) compiled.set(source, (re = new RegExp(source, 'iu')));
    const m = re.exec(t);
    if (m) out.push(m[0].trim());
  }
  return out;
}

/** Weighted keyword score per agent, and which phrases matched (for explainability). */
export function keywordScores(
  text: string,
  agents: Array<{ name: string; keywords: Record<string, number> }>,
): Map<string, { score: number; matched: string[] }> {
  const t = normalizeForMatch(text);
  const out = new Map<string, { score: number; matched: string[] }>();
  for (const a of agents) {
    let score = 0;
    const matched: string[] = [];
    for (const [phrase, weight] of Object.entries(a.keywords)) {
      if (t.includes(phraseKey(phrase))) {
        score += weight;
        matched.push(phrase);
      }
    }
    out.set(a.name, { score, matched });
  }
  return out;
}

// Words that do not change what a short message is: "hi there", "thanks so much", "ok thank you!".
const FILLER = / (there|please|so|much|a|lot|again|very|guys|team|all|everyone|you)(?= )/g;

const withoutFiller = (s: string) => s.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();

// Phrase lists are configuration, fixed for a router's life: their filler-free keys are built once per list.
const fillerFree = new WeakMap<string[], Map<string, string>>();

/** Filler-free key → the first phrase of `list` with that key. */
function fillerFreeKeys(list: string[]): Map<string, string> {
  let keys = fillerFree.get(list);
  if (!keys) {
    keys = new Map();
    for (const p of list) {
      const k = withoutFiller(phraseKey(p));
      if (!keys.has(k)) keys.set(k, p);
    }
    fillerFree.set(list, keys);
  }
  return keys;
}

/**
 * The phrases of `list` that the whole message is made of (give or take filler words and punctuation), joined with
 * " + ", or undefined. @example wholeMessagePhrase('Hi there!', ['hi']) // 'hi'; ('ok, thanks - that helped', …) // 'ok + thanks + that helped'
 */
export function wholeMessagePhrase(text: string, list: string[]): string | undefined {
  const t = normalizeForMatch(text);
  if (t.length > 60) return undefined;
  const keys = fillerFreeKeys(list);
  const bare = withoutFiller(t);
  const whole = keys.get(bare);
  if (whole) return whole;
  // Several small-talk phrases in a row ("thanks, that helped", "ok great thank you"): split the words into phrases.
  const words = bare.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
  const via: Array<{ from: number; phrase: string } | undefined> = [{ from: -1, phrase: '' }];
  for (let end = 1; end <= words.length; end++) {
    for (let start = Math.max(0, end - 5); start < end && !via[end]; start++) {
      const phrase = via[start] && keys.get(words.slice(start, end).join(' '));
      if (phrase) via[end] = { from: start, phrase };
    }
  }
  if (words.length < 2 || !via[words.length]) return undefined;
  const parts: string[] = [];
  for (let at = words.length; at > 0; at = via[at]!.from) parts.unshift(via[at]!.phrase);
  return parts.join(' + ');
}
