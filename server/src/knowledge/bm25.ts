import { tokenizer as oramaTokenizer } from '@orama/orama/components';
import { stopwords } from '@orama/stopwords/english';
import { nearestTerm } from './fuzzy.js';

export type Field = 'title' | 'heading' | 'text';
const FIELDS: Field[] = ['title', 'heading', 'text'];

/** BM25F parameters: per-field weights, saturation `k1`, length normalisation `b`. */
export interface Bm25Options {
  boost: Record<Field, number>;
  k1: number;
  b: number;
  /**
   * Weight of a misspelt query word's nearest indexed word ("phnoe" → phone, "stikethrough" → strikethrough), 0 = off.
   * Only words the index has never seen are corrected, so a word the help centre uses is never replaced.
   */
  fuzzy?: number;
}

export const DEFAULT_BM25: Bm25Options = { boost: { title: 2, heading: 1, text: 1 }, k1: 1.2, b: 0.75 };

// Orama's English list lacks "a" and a few chat fillers.
const STOP_WORDS = [...stopwords, 'a', 'get', 'got', 'also', 'just', 'please', 'thanks', 'hi', 'hello'];
// Orama's English word splitter.
const SPLIT = /[^A-Za-zàèéìòóù0-9_'-]+/gim;

interface Doc {
  id: string;
  /** Length of each field in tokens, in FIELDS order. */
  lengths: number[];
  /** Generation stamped on this document's postings; stale postings of an older occupant of the slot are skipped. */
  gen: number;
  /** The postings lists this document appears in, to keep their live counts (document frequencies) exact. */
  terms: Postings[];
}

/** One term's postings, appended in place: slot, generation and three field frequencies per entry. */
class Postings {
  slots = new Int32Array(4);
  gens = new Int32Array(4);
  tf = new Uint16Array(12);
  length = 0;
  /** Live entries (the rest belong to deleted or replaced documents). */
  live = 0;

  add(slot: number, gen: number, counts: number[]): void {
    if (this.length === this.slots.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T, size: number): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      this.slots = grow(this.slots, this.length * 2);
      this.gens = grow(this.gens, this.length * 2);
      this.tf = grow(this.tf, this.length * 6);
    }
    const i = this.length++;
    this.slots[i] = slot;
    this.gens[i] = gen;
    this.tf[i * 3] = counts[0];
    this.tf[i * 3 + 1] = counts[1];
    this.tf[i * 3 + 2] = counts[2];
    this.live++;
  }

  /** Drop stale entries once they outnumber live ones. */
  compact(isLive: (slot: number, gen: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      if (!isLive(this.slots[r], this.gens[r])) continue;
      this.slots[w] = this.slots[r];
      this.gens[w] = this.gens[r];
      this.tf.copyWithin(w * 3, r * 3, r * 3 + 3);
      w++;
    }
    this.length = w;
  }
}

/**
 * BM25F text ranking (field-weighted term frequencies, saturated once per term) with Orama's English stemmer and
 * stop words. Measured on public FAQ data, it ranks clearly better than Orama's per-field BM25 sum, whose scores
 * are dominated by common words unless a stop-word list hides them. Postings are packed typed arrays; deletes leave
 * stale entries that searches skip and that are compacted away lazily.
 */
export class Bm25Index {
  private readonly orama = oramaTokenizer.createTokenizer({ language: 'english', stemming: true, stopWords: false });
  private readonly stopWords = new Set(STOP_WORDS);
  private readonly normalized = new Map<string, string>();
  private readonly postings = new Map<string, Postings>();
  private readonly docs: Array<Doc | undefined> = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly totalLength = [0, 0, 0];
  private changes = 0;
  private normVersion = -1;
  private normCache: Float64Array | undefined;
  private nextGen = 1;
  private readonly corrections = new Map<string, string | undefined>();
  private correctionsVersion = -1;

  constructor(private readonly options: Bm25Options = DEFAULT_BM25) {}

  /** Stemmed, stop-word-free tokens of a text (Orama's English splitting and stemmer, cached per word). */
  tokens(text: string): string[] {
    const out: string[] = [];
    for (const raw of text.toLowerCase().split(SPLIT)) {
      if (!raw) continue;
      let token = this.normalized.get(raw);
      if (token === undefined) {
        token = this.stopWords.has(raw) ? '' : this.orama.normalizeToken('text', raw, false);
        if (this.normalized.size < 200_000) this.normalized.set(raw, token);
      }
      if (token) out.push(token);
    }
    return out;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Add or replace one document. */
  set(id: string, fields: Record<Field, string>): void {
    this.delete(id);
    const slot = this.free.pop() ?? this.docs.length;
    const gen = this.nextGen++;
    const lengths = [0, 0, 0];
    const counts = new Map<string, number[]>();
    FIELDS.forEach((field, f) => {
      const tokens = this.tokens(fields[field]);
      lengths[f] = tokens.length;
      this.totalLength[f] += tokens.length;
      for (const t of tokens) {
        let c = counts.get(t);
        if (!c) counts.set(t, (c = [0, 0, 0]));
        c[f]++;
      }
    });
    const terms: Postings[] = [];
    for (const [t, c] of counts) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = new Postings()));
      list.add(slot, gen, c);
      terms.push(list);
    }
    this.docs[slot] = { id, lengths, gen, terms };
    this.slots.set(id, slot);
    this.changes++;
  }

  /** Remove one document (no-op when absent); its postings go stale. */
  delete(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    doc.lengths.forEach((l, f) => (this.totalLength[f] -= l));
    for (const list of doc.terms) list.live--;
    this.docs[slot] = undefined;
    this.slots.delete(id);
    this.free.push(slot);
    this.changes++;
  }

  private isLive = (slot: number, gen: number): boolean => this.docs[slot]?.gen === gen;

  /** Per-slot length normalisation `1 − b + b·len/avg` for each field, recomputed after changes. */
  private norms(): Float64Array {
    if (this.normCache && this.normVersion === this.changes) return this.normCache;
    const n = Math.max(1, this.slots.size);
    const avg = this.totalLength.map((l) => Math.max(1, l / n));
    const { b } = this.options;
    const norms = new Float64Array(this.docs.length * 3);
    this.docs.forEach((doc, slot) => {
      if (doc) for (let f = 0; f < 3; f++) norms[slot * 3 + f] = 1 - b + (b * doc.lengths[f]) / avg[f];
    });
    this.normCache = norms;
    this.normVersion = this.changes;
    return norms;
  }

  /** The indexed term nearest to an unknown one (cached until the index changes), or undefined. */
  private correct(token: string): string | undefined {
    if (this.correctionsVersion !== this.changes || this.corrections.size > 10_000) {
      this.corrections.clear();
      this.correctionsVersion = this.changes;
    }
    if (this.corrections.has(token)) return this.corrections.get(token);
    const found = nearestTerm(token, this.postings);
    this.corrections.set(token, found);
    return found;
  }

  /** The best `limit` documents for a query, optionally only those `allowed`. */
  search(query: string, limit: number, allowed?: (id: string) => boolean): Array<{ id: string; score: number }> {
    const n = this.slots.size;
    if (!n || limit <= 0) return [];
    const { boost, k1 } = this.options;
    const w0 = boost.title;
    const w1 = boost.heading;
    const w2 = boost.text;
    const norms = this.norms();
    const scores = new Float64Array(this.docs.length);
    const touched: number[] = [];
    const terms = new Map<string, number>();
    for (const token of this.tokens(query)) {
      const known = this.postings.get(token)?.live;
      const term = known || !this.options.fuzzy ? token : this.correct(token);
      if (term && !terms.has(term)) terms.set(term, term === token ? 1 : this.options.fuzzy!);
    }
    for (const [term, weight] of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      if (list.length > 2 * list.live + 16) list.compact(this.isLive);
      if (!list.live) continue;
      const df = list.live;
      const idf = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const { slots, gens, tf } = list;
      for (let i = 0; i < list.length; i++) {
        const slot = slots[i];
        if (this.docs[slot]?.gen !== gens[i]) continue;
        const o = slot * 3;
        const t = i * 3;
        const weighted =
          (tf[t] ? (w0 * tf[t]) / norms[o] : 0) +
          (tf[t + 1] ? (w1 * tf[t + 1]) / norms[o + 1] : 0) +
          (tf[t + 2] ? (w2 * tf[t + 2]) / norms[o + 2] : 0);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] += (idf * weighted) / (k1 + weighted);
      }
    }
    // Bounded top-k, sorted descending.
    const top: Array<{ id: string; score: number }> = [];
    for (const slot of touched) {
      const score = scores[slot];
      if (top.length === limit && score <= top[limit - 1].score) continue;
      const id = this.docs[slot]!.id;
      if (allowed && !allowed(id)) continue;
      let pos = top.length < limit ? top.length : limit - 1;
      top[pos] = { id, score };
      while (pos > 0 && top[pos - 1].score < score) {
        [top[pos - 1], top[pos]] = [top[pos], top[pos - 1]];
        pos--;
      }
    }
    return top;
  }
}
