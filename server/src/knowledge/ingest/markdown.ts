import { readFrontMatter } from './front-matter.js';
import { langTags } from './lang.js';
import type { SourceDocument } from './types.js';

/** Split Markdown into sections by headings, keeping the heading path (`Billing > Refunds`). */
export function markdownSections(body: string): Array<{ heading: string; text: string }> {
  const sections: Array<{ heading: string; text: string }> = [];
  const path: string[] = [];
  let buf: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = buf.join('\n').trim();
    if (text) sections.push({ heading: path.filter(Boolean).join(' > '), text });
    buf = [];
  };
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = !inFence && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      flush();
      const level = m[1].length;
      path.length = level - 1;
      path[level - 1] = m[2].trim();
      continue;
    }
    buf.push(line);
  }
  flush();
  return sections;
}

/** Strip Markdown syntax that only adds noise to search (images, link targets, emphasis marks). */
export function markdownToText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/<[^>]+>/g, ' ');
}

/** Parse a Markdown file with optional front matter (title, url, collection, tags, id, lang). */
export function parseMarkdown(
  content: string,
  fallback: { id: string; collection: string; source: string },
): SourceDocument {
  const { data, content: body } = readFrontMatter(content);
  const sections = markdownSections(body)
    .map((s) => ({ heading: s.heading, text: markdownToText(s.text).trim() }))
    .filter((s) => s.text);
  const h1 = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  const title = String(data.title ?? h1 ?? fallback.id);
  // The H1 usually repeats the title; drop it from heading paths.
  for (const s of sections)
    if (h1 && s.heading.startsWith(h1)) s.heading = s.heading.slice(h1.length).replace(/^ > /, '');
  return {
    id: String(data.id ?? fallback.id),
    title,
    url: data.url ? String(data.url) : undefined,
    collection: String(data.collection ?? fallback.collection),
    tags: [
      ...(Array.isArray(data.tags)
        ? data.tags.map(String)
        : typeof data.tags === 'string'
          ? data.tags.split(',').map((t: string) => t.trim())
          : []),
      ...langTags(data.lang, fallback.id),
    ],
    sections,
    source: fallback.source,
  };
}
