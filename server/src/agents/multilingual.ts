import { AsyncLocalStorage } from 'node:async_hooks';
import { stopwords as arabic } from '@orama/stopwords/arabic';
import { stopwords as french } from '@orama/stopwords/french';
import { stopwords as german } from '@orama/stopwords/german';
import { stopwords as spanish } from '@orama/stopwords/spanish';
import type { Glossary } from '../router/glossary.js';
import type { KnowledgeSearch, SearchHit } from '../knowledge/types.js';
import { wrapSearch } from '../knowledge/wrap-search.js';
import { coverage } from './answerer.js';
import { contentWords } from './coverage.js';
import { englishPlaceNames } from './place-names.js';

// The glossary's schema and shipped table are part of the agents file (router/glossary.ts).
export { DEFAULT_GLOSSARY, glossarySchema, mergeGlossary, type Glossary } from '../router/glossary.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const prepared = new WeakMap<Record<string, string>, Array<{ re: RegExp; english: string }>>();

/**
 * A search text for an English help centre: the English words of every glossary entry the message contains, plus its
 * numbers and names (Galway, Aqua Fit), which read the same in every language. The English-only default embedder and
 * the stemmer cannot bridge languages; this does. Without a glossary hit the message is returned as it is.
 * @example expandQuery('Und wenn ich krank bin?', 'de', DEFAULT_GLOSSARY) // 'medical ill sick'
 */
export function expandQuery(text: string, language: string | undefined, glossary: Glossary): string {
  const english = englishWords(text, language, glossary);
  return english.length ? [...english, ...namesAndNumbers(text)].join(' ') : text;
}

/** The English words of every glossary entry and country name in the message (none for English). */
export function englishWords(text: string, language: string | undefined, glossary: Glossary): string[] {
  const places = englishPlaceNames(text, language).flatMap((n) => n.toLowerCase().split(' '));
  const table = language ? glossary[language] : undefined;
  if (!table) return places;
  let entries = prepared.get(table);
  if (!entries) {
    entries = Object.entries(table).map(([k, english]) => ({
      re: new RegExp(`(?<![\\p{L}])${escape(fold(k))}${INFLECTION}(?![\\p{L}])`, 'u'),
      english,
    }));
    prepared.set(table, entries);
  }
  const folded = fold(text.slice(0, 2000));
  return [...new Set([...entries.filter((e) => e.re.test(folded)).flatMap((e) => e.english.split(' ')), ...places])];
}

/** Numbers and capitalised words inside a sentence (not its first word): prices, ages, places, product names. */
function namesAndNumbers(text: string): string[] {
  const out: string[] = [];
  for (const sentence of text.split(/[.!?¿¡\n]+/)) {
    const tokens = sentence.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    tokens.forEach((t, i) => {
      if (/\p{N}/u.test(t) || (i > 0 && /^\p{Lu}/u.test(t))) out.push(t);
    });
  }
  return out;
}

// A glossary entry also matches its plural and feminine forms and the common verb and adjective endings ("chère" for
// "cher", "gratuite" for "gratuit", "cuotas" for "cuota", "Kosten" for "Kost"): customers inflect, the table lists one form.
const INFLECTION = '(?:s|e|es|x|n|en|er)?';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the knowledge wrapper needs to know about the message being answered. */
export interface LanguageContext {
  /** The customer's language (ISO 639-1), when known. */
  language?: string;
  /** The customer's own words, searched in articles written in their language. */
  original?: string;
  /** Filled in by the search: documents found in the customer's own language. */
  native: Set<string>;
}

const current = new AsyncLocalStorage<LanguageContext>();

/** Run `fn` with the customer's language visible to `preferLanguage` searches made inside it. */
export function withLanguage<T>(context: LanguageContext, fn: () => Promise<T>): Promise<T> {
  return current.run(context, fn);
}

/** How much more of the question a native article may miss and still come before an English one. */
const NATIVE_BONUS = 0.1;

const langOf = (h: SearchHit) => h.chunk.tags.find((t) => t.startsWith('lang:'))?.slice(5);

// The function words of the shipped languages ("ich", "die", "que", "les"): a German article shares them with any German
// question, so they must not make it look relevant. Kept both with and without accents, like the glossary.
const FUNCTION_WORDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({ es: spanish, fr: french, de: german, ar: arabic }).map(([l, w]) => [
    l,
    new Set(w.flatMap((x) => [x.toLowerCase(), fold(x)])),
  ]),
);

/** The words of a message that say what it is about: the language's function words dropped (English: left to coverage). */
export function meaningfulWords(text: string, language: string | undefined): string {
  const stop = language ? FUNCTION_WORDS[language] : undefined;
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  return stop ? words.filter((w) => !stop.has(w.toLowerCase()) && !stop.has(fold(w))).join(' ') : words.join(' ');
}

/**
 * A knowledge base that puts articles in the customer's language first (front matter `lang:` or a language folder)
 * and keeps other languages' translations out of the way; untagged articles serve everyone. A translation answers a
 * customer in another language only when the help centre has nothing in theirs for the question, and an article in
 * the customer's language is offered only when it shares a word that is not a function word with the question.
 */
export function preferLanguage(inner: KnowledgeSearch): KnowledgeSearch {
  return wrapSearch(inner, async (query, options) => {
    const context = current.getStore();
    const language = context?.language ?? 'en';
    const hits = await inner.search(query, options);
    let visible = hits.filter((h) => (langOf(h) ?? language) === language);
    // A Spanish translation may fill the first hits for an English question ("and the states after that?" after a
    // roaming answer): look further before falling back to another language's articles.
    if (!visible.length && hits.length && !options.tags) {
      const limit = options.limit ?? 5;
      visible = (await inner.search(query, { ...options, limit: limit * 4 }))
        .filter((h) => (langOf(h) ?? language) === language)
        .slice(0, limit);
    }
    if (language === 'en' || options.tags) {
      if (visible.length || options.tags || !options.collections) return visible.length ? visible : hits;
      // An agent whose collection holds only translations (the English articles sit in another collection): no answer
      // here, so the fallback agents search theirs, unless the whole help centre has nothing in this language for it.
      const anywhere = await inner.search(query, { ...options, collections: undefined });
      return anywhere.some((h) => (langOf(h) ?? language) === language) ? [] : hits;
    }
    const words = meaningfulWords(context?.original ?? query, language);
    const own = (
      await inner.search(context?.original ?? query, {
        ...options,
        tags: [`lang:${language}`],
        ...(context?.original ? { vector: undefined } : {}),
      })
    ).filter((h) => coverage(words, passage(h)) > 0);
    const seen = new Set(own.map((h) => h.chunk.id));
    const merged = [...own, ...visible.filter((h) => !seen.has(h.chunk.id) && !langOf(h))];
    // Two searches' scores do not compare; the share of the question's words a passage holds does (the customer's
    // words for a native article, the glossary's English for an English one). A native article wins a tie. Function
    // words are left out: every German article holds "ich" and "die".
    const meaningful = meaningfulWords(query, language);
    const fit = (h: SearchHit) => coverage(meaningful, passage(h)) + (langOf(h) === language ? NATIVE_BONUS : 0);
    const scored = merged.map((h, i) => ({ h, i, fit: fit(h), native: langOf(h) === language }));
    // A native article that fits worse than an English one shares only a common domain word with the question ("móvil",
    // the brand name): the reranker after this would still weigh it, so it goes.
    // A native article that shares one word with a longer question (the brand, "móvil") is weak evidence: the English
    // articles of other collections are compared too, since the routed agent's collection may hold only translations.
    const weak =
      own.length > 0 &&
      Math.max(...own.map((h) => sharedWords(words, passage(h)))) < Math.min(2, contentWords(words).length - 1);
    const elsewhere =
      weak && options.collections
        ? (await inner.search(query, { ...options, collections: undefined })).filter((h) => !langOf(h))
        : [];
    const english = Math.max(0, ...scored.filter((x) => !x.native).map((x) => x.fit), ...elsewhere.map(fit));
    const ranked = scored
      .filter((x) => !x.native || x.fit >= english)
      .sort((a, b) => b.fit - a.fit || a.i - b.i)
      .map((x) => x.h);
    for (const h of ranked) if (langOf(h) === language) context?.native.add(h.chunk.docId);
    return ranked.slice(0, Math.max(options.limit ?? 5, own.length));
  });
}

/** How many distinct content words of `words` the text holds. */
export function sharedWords(words: string, text: string): number {
  return Math.round(coverage(words, text) * new Set(contentWords(words)).size);
}

const passage = (h: SearchHit) => `${h.chunk.title} ${h.chunk.heading} ${h.chunk.text}`;
