import { resolve } from 'node:path';
import type { Logger } from '../util/logger.js';
import type { FusionOptions } from './hybrid.js';
import type { ChunkOptions } from './ingest/chunk.js';
import type { IngestIssue } from './ingest/types.js';
import type { SourceSummary } from './sources.js';
import type { Chunk, Embedder, KnowledgeSearch } from './types.js';

/** Settings of `createKnowledgeBase`. */
export interface KnowledgeOptions {
  /** Folder for the snapshot (chunks.json + vectors.f32); omitted = memory only. */
  dataDir?: string;
  embedder: Embedder;
  logger?: Logger;
  /** Entries in the query-embedding and search-result caches (0 disables). */
  cacheSize?: number;
  /** Answer-unit embeddings kept in memory (each one vector). */
  passageCacheSize?: number;
  chunking?: ChunkOptions;
  fusion?: FusionOptions;
  /** Files over this size are skipped at ingest. */
  maxFileBytes?: number;
  /** Characters of a query that are embedded and searched (a long message is cut here; embedding cost grows with length). */
  maxQueryChars?: number;
}

/** A document given through the API; `body` is Markdown (headings become sections). */
export interface DocumentInput {
  id: string;
  title: string;
  body: string;
  url?: string;
  collection?: string;
  tags?: string[];
}

export interface IngestProgress {
  phase: 'read' | 'embed' | 'save';
  done: number;
  total: number;
}

export interface IngestResult {
  documents: number;
  chunks: number;
  /** Chunks whose vectors had to be computed (new or changed content). */
  embedded: number;
  removedDocuments: number;
  issues: IngestIssue[];
  ms: number;
}

export interface KnowledgeStats {
  embedder: string;
  dim: number;
  documents: number;
  chunks: number;
  collections: Record<string, number>;
  version: number;
  cache: { queryHitRate: number; searchHitRate: number; entries: number };
}

/** One document of the knowledge base, as listed to an admin. */
export interface DocumentSummary {
  id: string;
  title: string;
  collection: string;
  url?: string;
  /** `path:<folder>`, `api` or `upload`. */
  source: string;
  chunks: number;
}

/** The source key of documents uploaded as files through the admin API or console. */
export const UPLOAD_SOURCE = 'upload';

/** The source key of a folder or file ingested with `ingestPath`. */
export const folderSource = (path: string): string => `path:${resolve(path)}`;

/** The knowledge base: ingest, search, persist. */
export interface KnowledgeBase extends KnowledgeSearch {
  ingestPath(
    path: string,
    options?: { collection?: string; onProgress?: (p: IngestProgress) => void },
  ): Promise<IngestResult>;
  upsertDocuments(docs: DocumentInput[]): Promise<IngestResult>;
  /** Add or replace the documents of one uploaded file (Markdown, HTML, text or JSONL, by its name); source `upload`. */
  ingestFile(name: string, content: string, options?: { collection?: string }): Promise<IngestResult>;
  deleteDocument(docId: string): Promise<boolean>;
  /** Every document with where it came from and its chunk count, sorted by id. */
  documents(): DocumentSummary[];
  /** Where the documents came from (`path:<folder>` or `api`), with counts. */
  sources(): SourceSummary[];
  /** Remove every document that came from `source` (a key from `sources()`); returns how many. */
  removeSource(source: string): Promise<number>;
  /** Chunks of one document, in order. */
  document(docId: string): Chunk[];
  stats(): KnowledgeStats;
  onChange(listener: (change: { docIds: string[]; version: number }) => void): () => void;
  /** Forget every cached query and search (they are keyed by customers' words: a GDPR erase clears them). */
  clearCaches(): void;
  /** Watch a folder and re-ingest on changes; returns a stop function. */
  watch(path: string, options?: { collection?: string; debounceMs?: number }): () => void;
  close(): Promise<void>;
}
