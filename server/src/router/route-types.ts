import type { Message, RoutingDecision } from 'switchboard-chat/protocol';

/** One message to route, with its conversation. */
export interface RouteInput {
  text: string;
  /** Earlier messages, oldest first. */
  history?: Message[];
  /** A precomputed embedding of `text`. */
  vector?: Float32Array;
  /** The customer's own words when `text` is a rewritten query (follow-up, translation): policies read both. */
  said?: string;
}

/** The routing decision with the message's vector (kept for learning and search). */
export type RouteResult = RoutingDecision & { vector: Float32Array };

/** A labelled message that teaches the router beyond its configuration (a staff correction, an imported row). */
export interface LabelledExample {
  text: string;
  agent: string;
  topic?: string;
}

/** How the router embeds, caches and trains. */
export interface RouterOptions {
  embed?: (text: string) => Promise<Float32Array>;
  /** The data folder's cache of example vectors; the trained model is kept beside it (`*.model.json`). */
  cacheFile?: string;
  /** A folder of trained models shared by servers and test runs (setting `cacheDir`): a start with the same inputs loads one. */
  sharedCacheDir?: string;
  /** Told about a cache file that exists but cannot be used (it is ignored). */
  warn?: (message: string, file: string, error: string) => void;
  /** Labelled examples added to the configured ones (method auto), e.g. the staff's corrections. */
  extra?: LabelledExample[];
  /** Train on the calling thread instead of a worker (CLI tools that do nothing else meanwhile). */
  inline?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Per-agent evidence for one message, before the decision rules. */
export interface Scored {
  agent: string;
  p: number;
  keyword: number;
  matched: string[];
}
