import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { AppError } from '../../util/errors.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import type { IngestIssue, SourceDocument } from './types.js';

export interface ReadOptions {
  /** Collection for documents that do not name one. */
  collection: string;
  /** Files larger than this are skipped (bytes). */
  maxFileBytes: number;
}

export const DEFAULT_READ: ReadOptions = { collection: 'general', maxFileBytes: 5 * 1024 * 1024 };
/** File extensions the knowledge base reads. */
export const SUPPORTED = new Set(['.md', '.markdown', '.mdx', '.html', '.htm', '.txt', '.jsonl']);

/** Every supported file under a folder (or the file itself), skipping dot-folders and node_modules. */
export function listFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (SUPPORTED.has(extname(entry.name).toLowerCase())) out.push(full);
  }
  return out.sort();
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read documents from a folder or file; problems are reported per file and never stop the rest. */
export function readDocuments(
  root: string,
  options: ReadOptions = DEFAULT_READ,
): { docs: SourceDocument[]; issues: IngestIssue[] } {
  const docs: SourceDocument[] = [];
  const issues: IngestIssue[] = [];
  const seen = new Map<string, string>();
  let isFile: boolean;
  try {
    isFile = statSync(root).isFile();
  } catch {
    throw new AppError('not_found', `knowledge-base path not found or unreadable: ${root}`);
  }
  const base = isFile ? join(root, '..') : root;
  // Symlinks are followed only while they stay inside the knowledge-base folder (a link to /etc or dataDir is refused).
  const realBase = realpathSync(isFile ? root : base);
  const inside = (file: string) => {
    const real = realpathSync(file);
    return isFile ? real === realBase : real.startsWith(realBase + sep);
  };
  for (const file of listFiles(root)) {
    const rel = relative(base, file);
    let content: string;
    try {
      if (!inside(file)) {
        issues.push({
          file: rel,
          code: 'outside_root',
          message: `${rel}: resolves outside the knowledge-base folder; skipped`,
        });
        continue;
      }
      const size = statSync(file).size;
      if (size > options.maxFileBytes) {
        issues.push({
          file: rel,
          code: 'too_large',
          message: `${rel}: ${(size / 1e6).toFixed(1)} MB is over the ${(options.maxFileBytes / 1e6).toFixed(1)} MB limit; skipped`,
        });
        continue;
      }
      content = decoder.decode(readFileSync(file));
    } catch (err) {
      const invalid = err instanceof TypeError;
      issues.push({
        file: rel,
        code: invalid ? 'invalid_utf8' : 'unreadable',
        message: `${rel}: ${invalid ? 'not valid UTF-8' : (err as Error).message}; skipped`,
      });
      continue;
    }
    let parsed: SourceDocument[];
    try {
      parsed = parseFile(file, rel, content, options.collection, issues);
    } catch (err) {
      issues.push({ file: rel, code: 'parse_error', message: `${rel}: ${(err as Error).message}; skipped` });
      continue;
    }
    for (const doc of parsed) {
      if (!doc.sections.some((s) => s.text.trim())) {
        issues.push({ file: rel, code: 'empty', message: `${rel}: document "${doc.id}" has no text; skipped` });
        continue;
      }
      const first = seen.get(doc.id);
      if (first) {
        issues.push({
          file: rel,
          code: 'duplicate_id',
          message: `${rel}: id "${doc.id}" already used by ${first}; skipped`,
        });
        continue;
      }
      seen.set(doc.id, rel);
      docs.push(doc);
    }
  }
  return { docs, issues };
}

/** Parse one file's text by its extension (`.md`, `.html`, `.txt`, `.jsonl`); `rel` becomes the document id. */
export function parseFile(
  file: string,
  rel: string,
  content: string,
  collection: string,
  issues: IngestIssue[],
): SourceDocument[] {
  const ext = extname(file).toLowerCase();
  const id = rel.replace(/\\/g, '/').replace(/\.[^.]+$/, '');
  const fallback = { id, collection, source: rel };
  if (ext === '.html' || ext === '.htm') return [parseHtml(content, fallback)];
  if (ext === '.txt') {
    const [first, ...rest] = content.split('\n');
    const title = first.trim() || basename(file);
    return [
      {
        id,
        title,
        collection,
        tags: [],
        sections: [{ heading: '', text: rest.join('\n').trim() || first.trim() }],
        source: rel,
      },
    ];
  }
  if (ext === '.jsonl') return parseJsonl(content, rel, collection, issues);
  return [parseMarkdown(content, fallback)];
}

/** JSONL rows `{ id, title, body, url?, collection?, tags? }`; a bad row is reported with its line number. */
export function parseJsonl(content: string, rel: string, collection: string, issues: IngestIssue[]): SourceDocument[] {
  const docs: SourceDocument[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const row = JSON.parse(line) as Record<string, unknown>;
      if (row.id === undefined || typeof (row.body ?? row.text) !== 'string') throw new Error('needs "id" and "body"');
      docs.push({
        id: String(row.id),
        title: String(row.title ?? row.id),
        url: typeof row.url === 'string' ? row.url : undefined,
        collection: typeof row.collection === 'string' ? row.collection : collection,
        tags: Array.isArray(row.tags) ? row.tags.map(String) : [],
        sections: [{ heading: '', text: String(row.body ?? row.text) }],
        source: rel,
      });
    } catch (err) {
      issues.push({
        file: `${rel}:${i + 1}`,
        code: 'parse_error',
        message: `${rel}:${i + 1}: ${(err as Error).message}; row skipped`,
      });
    }
  });
  return docs;
}
