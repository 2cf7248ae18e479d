/** A document as read from a source, before chunking. */
export interface SourceDocument {
  id: string;
  title: string;
  url?: string;
  collection: string;
  tags: string[];
  /** Sections with their heading path, in order. */
  sections: Array<{ heading: string; text: string }>;
  /** Where it came from (a file path or `api`), so a re-ingest can remove what disappeared. */
  source: string;
}

/** A per-file problem reported by ingestion; the rest of the ingest goes on. */
export interface IngestIssue {
  file: string;
  code:
    | 'unreadable'
    | 'invalid_utf8'
    | 'empty'
    | 'too_large'
    | 'duplicate_id'
    | 'parse_error'
    | 'unsupported'
    | 'outside_root';
  message: string;
}
