import type { KnowledgeSearch, SearchHit, SearchOptions } from './types.js';

/**
 * `inner` with its `search` replaced and everything else passed through (live `version`, `document`, `embedPassages`):
 * a wrapper that forgets one of them silently narrows answers to the hit's own chunk.
 */
export function wrapSearch(
  inner: KnowledgeSearch,
  search: (query: string, options: SearchOptions) => Promise<SearchHit[]>,
): KnowledgeSearch {
  return {
    embedQuery: (text) => inner.embedQuery(text),
    ...(inner.document ? { document: (docId: string) => inner.document!(docId) } : {}),
    ...(inner.embedPassages ? { embedPassages: (texts: string[]) => inner.embedPassages!(texts) } : {}),
    get version() {
      return inner.version;
    },
    search: (query, options = {}) => search(query, options),
  };
}
