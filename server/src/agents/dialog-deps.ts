import type { KnowledgeSearch } from '../knowledge/types.js';
import type { RouterConfig } from '../router/config.js';
import type { RelevanceOptions } from './answerer.js';

/** What the dialog layer and its steps read: the router configuration, the knowledge base and the relevance bar. */
export interface DialogDeps {
  config: RouterConfig;
  /** The language-aware knowledge base (for suggestions and the next best passage). */
  knowledge?: KnowledgeSearch;
  relevance: RelevanceOptions;
}
