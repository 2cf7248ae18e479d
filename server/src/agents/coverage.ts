import { Lru } from '../util/lru.js';

const FILLER = new Set(
  'a an the i me my we you your it is are was be do does did can could would should will how what when where why who which to of in on at for with and or not no this that there here have has get got please hi hello thanks want need'.split(
    ' ',
  ),
);
const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '');

/** The content words of a text, lower-cased and lightly stemmed (fillers and one-letter words dropped). */
export const contentWords = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !FILLER.has(w)).map(stem);

// Passages are help-centre text, scored again for every question that finds them: their words are kept (bounded,
// a few MB at most for long chunks) instead of being split and stemmed for every candidate of every message.
const passageWords = new Lru<string, Set<string>>(1024);

/** Share of the query's content words that occur in the passage (title and heading included). */
export function coverage(query: string, passage: string): number {
  const q = [...new Set(contentWords(query))];
  if (!q.length) return 0;
  let p = passageWords.get(passage);
  if (!p) passageWords.set(passage, (p = new Set(contentWords(passage))));
  return q.filter((w) => p.has(w)).length / q.length;
}
